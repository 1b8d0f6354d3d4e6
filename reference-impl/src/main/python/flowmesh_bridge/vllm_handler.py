"""``vllm.load`` and ``vllm.generate``: load a model at a revision, report what was actually loaded, and
generate with the engine loaded.

``vllm.load`` parameters: ``model_dir`` (a local model folder) or ``hub_cache`` + ``identifier``;
``revision`` (default ``main``); ``tokenizer_revision`` (default: the revision, as vLLM does);
``engine``: ``auto`` (vLLM when importable), ``vllm`` or ``cache``; ``engine_kwargs`` passed to
``vllm.LLM`` as they are. The reply carries the commits of the model and tokenizer snapshots, and
``engine_id``, which ``vllm.generate`` takes with ``prompts`` and ``sampling`` (vLLM's
``SamplingParams`` keyword arguments). A load with the same model, commits and kwargs as an earlier
one returns that engine instead of starting another.

With vLLM the model is started offline from the cache. huggingface_hub and transformers read
``HF_HUB_OFFLINE``, ``HF_HUB_CACHE`` and ``TRANSFORMERS_OFFLINE`` once, at import, so setting them here
would be too late once anything imported them: the bridge must be launched with them (the Java
launcher's ``BridgeEnvironment`` does), and a load from a hub cache other than the one the bridge was
launched offline on is refused. The reply's ``loaded`` holds what vLLM itself loaded: the revision
marker of the config in vLLM's model config (each revision of a generated model carries its own), the
snapshot commit transformers recorded when vLLM loaded that config, and the tokenizer revision vLLM used; the other fields say what was asked for and how the cache resolves it.
Without vLLM (``cache``) the revisions are resolved through the cache layout in pure Python and
``vllm.generate`` is refused as a missing module. A revision that does not resolve is an error whose
``field`` names the parameter at fault (``model``, ``revision`` or ``tokenizer_revision``).
"""

import json
import os

from .capabilities import module_available
from .errors import BridgeError, InvalidRequest, ModuleMissing, require_param
from . import hf_cache

MARKER = "flowmesh_revision_marker"


class VllmHandler:
    """Holds the engines loaded by id."""

    def __init__(self):
        self.engines = {}
        self.by_key = {}

    def load(self, params):
        engine = params.get("engine", "auto")
        if engine not in ("auto", "vllm", "cache"):
            raise InvalidRequest("unknown engine '%s'; expected auto, vllm or cache" % engine)
        if engine == "auto":
            engine = "vllm" if module_available("vllm") else "cache"
        if engine == "vllm" and not module_available("vllm"):
            raise ModuleMissing("engine 'vllm' needs the Python module 'vllm', which is not installed")
        engine_kwargs = params.get("engine_kwargs") or {}
        if not isinstance(engine_kwargs, dict):
            raise InvalidRequest("parameter 'engine_kwargs' must be an object")
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
            try:
                tokenizer_commit = hf_cache.resolve(hub_cache, identifier, tokenizer_revision)[0]
            except BridgeError as e:
                field = "tokenizer_revision" if params.get("tokenizer_revision") else "revision"
                raise BridgeError(str(e), kind=e.kind, field=field)
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
        key = json.dumps([engine, identifier, commit, tokenizer_commit, engine_kwargs], sort_keys=True, default=str)
        if key in self.by_key:
            return dict(self.engines[self.by_key[key]]["reply"], reused=True)
        llm = None
        if engine == "vllm":
            llm, facts = _load_with_vllm(params, identifier, revision, params.get("tokenizer_revision"),
                                         engine_kwargs)
            reply.update(facts)
        engine_id = "vllm-%d" % (len(self.engines) + 1)
        reply["engine_id"] = engine_id
        self.engines[engine_id] = {"llm": llm, "reply": reply}
        self.by_key[key] = engine_id
        return dict(reply, reused=False)

    def generate(self, params):
        engine_id = require_param(params, "engine_id", str)
        if engine_id not in self.engines:
            raise InvalidRequest("no loaded vLLM engine '%s'" % engine_id)
        llm = self.engines[engine_id]["llm"]
        if llm is None:
            raise ModuleMissing("vllm.generate needs the Python module 'vllm'; engine '%s' only resolved revisions"
                                % engine_id)
        prompts = require_param(params, "prompts", list)
        sampling = params.get("sampling") or {}
        if not isinstance(sampling, dict):
            raise InvalidRequest("parameter 'sampling' must be an object of SamplingParams keyword arguments")
        from vllm import SamplingParams
        try:
            sampling_params = SamplingParams(**sampling)
        except (TypeError, ValueError) as e:
            raise InvalidRequest("SamplingParams refused: %s" % e, field="sampling")
        outputs = llm.generate(prompts, sampling_params)
        return {"outputs": [{
            "prompt": out.prompt,
            "prompt_token_ids": list(out.prompt_token_ids),
            "outputs": [{"index": c.index, "text": c.text, "token_ids": list(c.token_ids),
                         "finish_reason": c.finish_reason,
                         "stop_reason": c.stop_reason if isinstance(c.stop_reason, str) else None}
                        for c in out.outputs],
        } for out in outputs]}


def check_offline_launch(hub_cache, environment):
    """Refuses a vLLM load the bridge's launch environment does not keep offline on ``hub_cache``."""
    problems = []
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if environment.get(name) != "1":
            problems.append("%s=1 (found %r)" % (name, environment.get(name)))
    if hub_cache and os.path.realpath(environment.get("HF_HUB_CACHE") or "") != os.path.realpath(hub_cache):
        problems.append("HF_HUB_CACHE=%s (found %r)" % (hub_cache, environment.get("HF_HUB_CACHE")))
    if problems:
        raise InvalidRequest("vLLM would resolve models online: the bridge was not launched with %s; these are read "
                             "when huggingface_hub is imported, so they must be in the bridge's launch environment"
                             % ", ".join(problems), field="hub_cache")


def _load_with_vllm(params, identifier, revision, tokenizer_revision, engine_kwargs):
    """Starts vLLM offline on the cached model; returns it and what its model config holds."""
    from . import ENVIRONMENT_AT_IMPORT
    check_offline_launch(params.get("hub_cache"), ENVIRONMENT_AT_IMPORT)
    from vllm import LLM, SamplingParams

    kwargs = {"gpu_memory_utilization": 0.2, "enforce_eager": True, "max_model_len": 64, "seed": 0}
    kwargs.update(engine_kwargs)
    if params.get("model_dir"):
        llm = LLM(model=identifier, **kwargs)
    else:
        llm = LLM(model=identifier, revision=revision, tokenizer_revision=tokenizer_revision,
                  download_dir=params["hub_cache"], **kwargs)
    model_config = _model_config(llm)
    output = llm.generate(["the movie was"], SamplingParams(max_tokens=4, temperature=0.0))
    return llm, {
        "loaded": {
            # transformers records the snapshot commit it read the config from; vLLM's own config object.
            "commit": getattr(model_config.hf_config, "_commit_hash", None),
            "config_marker": getattr(model_config.hf_config, MARKER, None),
            "tokenizer_revision": model_config.tokenizer_revision,
            "generated_tokens": len(output[0].outputs[0].token_ids),
        },
    }


def _model_config(llm):
    engine = llm.llm_engine
    config = getattr(engine, "model_config", None)
    if config is None:
        config = engine.vllm_config.model_config
    return config
