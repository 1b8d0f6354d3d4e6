"""``vllm.load``: load a model at a revision and report what was actually loaded.

Parameters: ``model_dir`` (a local model folder) or ``hub_cache`` + ``identifier``; ``revision``
(default ``main``); ``tokenizer_revision`` (default: the revision, as vLLM does); ``engine``:
``auto`` (vLLM when importable), ``vllm`` or ``cache``; ``engine_kwargs`` passed to ``vllm.LLM``.

With vLLM the model is started offline from the cache and the reply carries the revision and
tokenizer revision from vLLM's own model config and the revision marker of the config vLLM loaded.
Without vLLM (``cache``) the revision is resolved through the cache layout in pure Python.
"""

import os

from .capabilities import module_available
from .errors import InvalidRequest, ModuleMissing
from . import hf_cache

MARKER = "flowmesh_revision_marker"


def load(params):
    engine = params.get("engine", "auto")
    if engine not in ("auto", "vllm", "cache"):
        raise InvalidRequest("unknown engine '%s'; expected auto, vllm or cache" % engine)
    if engine == "auto":
        engine = "vllm" if module_available("vllm") else "cache"
    if engine == "vllm" and not module_available("vllm"):
        raise ModuleMissing("engine 'vllm' needs the Python module 'vllm', which is not installed")
    revision = params.get("revision") or "main"
    tokenizer_revision = params.get("tokenizer_revision") or revision
    model_dir = params.get("model_dir")
    if model_dir:
        commit, snapshot, tokenizer_commit = None, model_dir, None
        identifier = model_dir
    else:
        hub_cache = params.get("hub_cache")
        identifier = params.get("identifier")
        if not hub_cache or not identifier:
            raise InvalidRequest("vllm.load needs 'model_dir', or 'hub_cache' and 'identifier'")
        commit, snapshot = hf_cache.resolve(hub_cache, identifier, revision)
        # The tokenizer loads from the same cache at its own revision (vLLM's default: the model's).
        tokenizer_commit = hf_cache.resolve(hub_cache, identifier, tokenizer_revision)[0]
    reply = {
        "engine": engine,
        "identifier": identifier,
        "revision": revision,
        "commit": commit,
        "snapshot_dir": snapshot,
        "tokenizer_revision": tokenizer_revision,
        "tokenizer_commit": tokenizer_commit,
        "config_marker": hf_cache.read_config(snapshot).get(MARKER),
    }
    if engine == "vllm":
        reply.update(_load_with_vllm(params, identifier, revision, params.get("tokenizer_revision")))
    return reply


def _load_with_vllm(params, identifier, revision, tokenizer_revision):
    """Starts vLLM offline on the cached model; reports what its model config holds."""
    if params.get("hub_cache"):
        os.environ["HF_HUB_CACHE"] = params["hub_cache"]
    os.environ["HF_HUB_OFFLINE"] = "1"
    from vllm import LLM, SamplingParams

    kwargs = {"gpu_memory_utilization": 0.2, "enforce_eager": True, "max_model_len": 64, "seed": 0}
    kwargs.update(params.get("engine_kwargs") or {})
    if params.get("model_dir"):
        llm = LLM(model=identifier, **kwargs)
    else:
        llm = LLM(model=identifier, revision=revision, tokenizer_revision=tokenizer_revision,
                  download_dir=params["hub_cache"], **kwargs)
    model_config = _model_config(llm)
    output = llm.generate(["the movie was"], SamplingParams(max_tokens=4, temperature=0.0))
    return {
        "revision": model_config.revision or revision,
        "tokenizer_revision": model_config.tokenizer_revision,
        "config_marker": getattr(model_config.hf_config, MARKER, None),
        "generated_tokens": len(output[0].outputs[0].token_ids),
    }


def _model_config(llm):
    engine = llm.llm_engine
    config = getattr(engine, "model_config", None)
    if config is None:
        config = engine.vllm_config.model_config
    return config
