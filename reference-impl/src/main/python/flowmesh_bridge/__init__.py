"""FlowMesh's JSON-lines bridge from the Java reference implementation to Python engines.

One request per line on stdin, one reply per line on stdout, each with the request's id:

    {"id": 1, "method": "ppo.open", "params": {...}}
    {"id": 1, "result": {...}}          or          {"id": 1, "error": {"type": "...", "message": "..."}}

Handlers: ``bridge.hello`` (versions and which engines are importable), ``ppo.*`` (PPO update by
update, so the caller owns the early-stop decision) and ``vllm.load`` (load a model at a revision).
"""

PROTOCOL_VERSION = 1
