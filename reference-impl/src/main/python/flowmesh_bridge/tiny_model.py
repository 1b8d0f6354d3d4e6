"""Writes a tiny local causal LM with two revisions in Hugging Face hub-cache layout.

``refs/v1`` points at the first commit and ``refs/main`` at the second; each snapshot's config.json
carries ``flowmesh_revision_marker`` ("v1" or "v2") so a loader can prove which revision it loaded.
With torch and transformers importable (and ``weights`` not "none") each snapshot is a real, randomly
initialised Llama with a word-level tokenizer that vLLM can serve; otherwise snapshots hold the
config only. Commit ids are derived from the content, so the same call gives the same ids.

    python3 -m flowmesh_bridge.tiny_model --hub-cache DIR [--identifier org/name] [--config-only]
"""

import argparse
import hashlib
import json
import os
import sys

from .capabilities import module_available
from .errors import InvalidRequest, ModuleMissing
from .hf_cache import repo_dir

DEFAULT_IDENTIFIER = "flowmesh/tiny-llm"
WORDS = ["the", "movie", "was", "good", "bad", "great", "awful", "i", "think", "food", "today", "feels",
         "very", "not", "and", "a", "day", "it", "is", "fine"]
SPECIALS = ["<unk>", "<s>", "</s>", "<pad>"]


def base_config(marker):
    """A Llama config vLLM's attention kernels accept (head size 64); ``marker`` names the revision."""
    vocab = len(SPECIALS) + len(WORDS)
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": vocab,
        "hidden_size": 128,
        "intermediate_size": 256,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 2,
        "max_position_embeddings": 128,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": False,
        "bos_token_id": 1,
        "eos_token_id": 2,
        "pad_token_id": 3,
        "torch_dtype": "float32",
        "flowmesh_revision_marker": marker,
    }


def generate(hub_cache, identifier=DEFAULT_IDENTIFIER, weights="auto"):
    """Writes both revisions; returns {identifier, repo_dir, weights, revisions: {ref: commit}}."""
    if weights not in ("auto", "torch", "none"):
        raise InvalidRequest("weights must be auto, torch or none, got %r" % weights)
    have_torch = module_available("torch") and module_available("transformers") and module_available("tokenizers")
    if weights == "torch" and not have_torch:
        raise ModuleMissing("weights 'torch' need the Python modules torch, transformers and tokenizers")
    with_weights = weights == "torch" or (weights == "auto" and have_torch)
    repo = repo_dir(hub_cache, identifier)
    revisions = {}
    for ref, marker, seed in (("v1", "v1", 1), ("main", "v2", 2)):
        config = base_config(marker)
        commit = hashlib.sha1(json.dumps([identifier, config, with_weights], sort_keys=True).encode()).hexdigest()
        snapshot = os.path.join(repo, "snapshots", commit)
        os.makedirs(snapshot, exist_ok=True)
        if with_weights:
            _write_weights(snapshot, config, seed)
        else:
            with open(os.path.join(snapshot, "config.json"), "w", encoding="utf-8") as f:
                json.dump(config, f, indent=2, sort_keys=True)
        os.makedirs(os.path.join(repo, "refs"), exist_ok=True)
        with open(os.path.join(repo, "refs", ref), "w", encoding="utf-8") as f:
            f.write(commit)
        revisions[ref] = commit
    return {"identifier": identifier, "repo_dir": repo, "weights": with_weights, "revisions": revisions}


def _write_weights(snapshot, config, seed):
    import torch
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import WhitespaceSplit
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate(SPECIALS + WORDS)}
    backend = Tokenizer(WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", pad_token="<pad>")
    tokenizer.save_pretrained(snapshot)
    model_config = LlamaConfig(**{k: v for k, v in config.items() if k not in ("architectures", "model_type")})
    torch.manual_seed(seed)
    model = LlamaForCausalLM(model_config)
    model.save_pretrained(snapshot, safe_serialization=True)


def handle(params):
    """The ``tiny_model.generate`` method."""
    hub_cache = params.get("hub_cache")
    if not hub_cache:
        raise InvalidRequest("tiny_model.generate needs 'hub_cache'")
    return generate(hub_cache, params.get("identifier") or DEFAULT_IDENTIFIER, params.get("weights", "auto"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hub-cache", required=True)
    parser.add_argument("--identifier", default=DEFAULT_IDENTIFIER)
    parser.add_argument("--config-only", action="store_true")
    args = parser.parse_args(argv)
    result = generate(args.hub_cache, args.identifier, "none" if args.config_only else "auto")
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
