"""FlowMesh's JSON-lines bridge from the Java reference implementation to Python engines.

One request per line on stdin, one reply per line on stdout, each with the request's id:

    {"id": 1, "method": "ppo.open", "params": {...}}
    {"id": 1, "result": {...}}          or          {"id": 1, "error": {"type": "...", "message": "..."}}

Handlers: ``bridge.hello`` (versions and which engines are importable), ``ppo.*`` (PPO update by
update, so the caller owns the early-stop decision) and ``vllm.load`` (load a model at a revision).
"""

import os

PROTOCOL_VERSION = 1

# The variables the launcher sets because libraries read them once, at import: huggingface_hub's
# offline switch and cache, transformers' offline switch, cuBLAS's workspace (deterministic CUDA), the
# bridge's own request guard, and the hub endpoint a witness may serve. Kept as they were when the
# package was imported, before any engine, so ``bridge.hello`` can show what the engines started with.
LAUNCH_VARIABLES = ("CUBLAS_WORKSPACE_CONFIG", "FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S", "HF_ENDPOINT", "HF_HUB_CACHE",
                    "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
ENVIRONMENT_AT_IMPORT = {name: os.environ.get(name) for name in LAUNCH_VARIABLES}
