"""One short device check of the Python bridge, for a session lent a GPU (the device image has torch but
no JDK, so this drives the bridge's JSON-lines protocol directly, as the Java backend does).

It opens a PPO run on ENGINE/DEVICE (default torch/cuda), applies FlowMesh's early-stop rule to the
streamed objective/kl (stop on the first update whose KL is strictly above TARGET_KL), saves the final
model, checking that the trainer received the PPOConfig kwargs as sent and the tokenizer padded on the
side asked for, then writes the tiny two-revision model and loads both revisions with vllm.load (engine auto:
vLLM when importable, else the cache resolver). It prints one JSON document and exits non-zero on any
failed expectation. Run: PYTHONPATH=reference-impl/src/main/python python3 scripts/gpu-smoke.py
On a CPU-only machine: ENGINE=pure DEVICE=cpu python3 scripts/gpu-smoke.py
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

ENGINE = os.environ.get("ENGINE", "torch")
DEVICE = os.environ.get("DEVICE", "cuda")
TARGET_KL = float(os.environ.get("TARGET_KL", "0.05"))


def main():
    bridge = subprocess.Popen([sys.executable, "-m", "flowmesh_bridge"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    ids = iter(range(1, 1000))

    def call(method, params=None):
        request = {"id": next(ids), "method": method, "params": params or {}}
        bridge.stdin.write(json.dumps(request) + "\n")
        bridge.stdin.flush()
        reply = json.loads(bridge.stdout.readline())
        if "error" in reply:
            raise SystemExit("%s failed: %s" % (method, reply["error"]))
        return reply["result"]

    report = {"hello": call("bridge.hello")}
    ppo_config = {"seed": 7, "learning_rate": 2e-5, "per_device_train_batch_size": 4, "num_mini_batches": 2,
                  "num_ppo_epochs": 2, "kl_coef": 0.05, "response_length": 8, "temperature": 1.0,
                  "total_episodes": 16 * 8, "report_to": ["tensorboard"], "project": "smoke"}
    opened = call("ppo.open", {"engine": ENGINE, "device": DEVICE, "policy_identifier": "tiny/policy",
                               "learning_rate_scale": 1000.0, "ppo_config": ppo_config,
                               "tokenizer_kwargs": {"padding_side": "left"},
                               "prompts": ["the movie was", "i think that", "this is a", "what a great day"]})
    kls, stop = [], None
    for _ in range(16):
        metrics = call("ppo.update", {"session": opened["session"]})
        kls.append(metrics["kl"])
        if metrics["kl"] > TARGET_KL:
            stop = {"update": metrics["update"], "kl": metrics["kl"], "threshold": TARGET_KL}
            break
    saved = call("ppo.save", {"session": opened["session"]})
    call("ppo.close", {"session": opened["session"]})
    report["ppo"] = {"opened": opened, "kl": kls, "stopped_early": stop, "saved": saved}

    store = tempfile.mkdtemp(prefix="flowmesh-tiny-store-")
    report["tiny_model"] = call("tiny_model.generate", {"hub_cache": store})
    loads = {rev: call("vllm.load", {"hub_cache": store, "identifier": "flowmesh/tiny-llm", "revision": rev})
             for rev in ("v1", "main")}
    report["vllm"] = loads
    bridge.stdin.close()
    bridge.wait(timeout=60)
    shutil.rmtree(store, ignore_errors=True)

    failures = []
    if opened["ppo_config"] != ppo_config:
        failures.append("the trainer did not receive the PPOConfig kwargs as sent: %s" % opened["ppo_config"])
    if opened["tokenizer"]["padding_side"] != "left" or opened["tokenizer"]["attention_mask"][0][0] != 0:
        failures.append("the tokenizer did not pad on the left: %s" % opened["tokenizer"])
    if opened["updates_planned"] != 16:
        failures.append("the trainer plans %s updates, not 16" % opened["updates_planned"])
    if opened["device"] != DEVICE:
        failures.append("PPO ran on %s, not %s" % (opened["device"], DEVICE))
    if stop is None or stop["kl"] <= TARGET_KL or any(k > TARGET_KL for k in kls[:-1]):
        failures.append("the run did not stop on the first update whose KL exceeds %s: %s" % (TARGET_KL, kls))
    if not saved.get("checksum"):
        failures.append("no final model was saved after the stop")
    if loads["v1"]["commit"] == loads["main"]["commit"]:
        failures.append("v1 and main loaded the same commit")
    for rev, loaded in loads.items():
        if loaded["tokenizer_revision"] != rev:
            failures.append("tokenizer_revision %s did not default to revision %s" % (loaded["tokenizer_revision"], rev))
        if loaded["tokenizer_commit"] != loaded["commit"]:
            failures.append("tokenizer commit %s is not the model commit at %s" % (loaded["tokenizer_commit"], rev))
    report["failures"] = failures
    print(json.dumps(report, indent=2, default=str))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
