"""The device check behind scripts/gpu-check.sh: the bridge's torch PPO on DEVICE (default cuda) driven
by FlowMesh's stop rule, a determinism rerun, and vLLM loading two revisions of a generated tiny model
where vLLM is importable. Prints one summary line; writes the details as JSON to $GPU_CHECK_REPORT when
set. Exits 0 only when every check passed.

No JDK is assumed (the lent device machines have none), so the stop rule is the bridge's Python port
(flowmesh_bridge.stop_rule), which PythonStopRuleParityTest pins to the Java EarlyStopController. The
launch environment mirrors the Java launcher's BridgeEnvironment: offline hub settings and the cuBLAS
workspace are set before the bridge process imports anything.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from flowmesh_bridge.stop_rule import StopRule

DEVICE = os.environ.get("DEVICE", "cuda")
UPDATES = 16
PROMPTS = ["the movie was", "i think that", "this is a", "what a great day"]
PPO_CONFIG = {"seed": 7, "learning_rate": 2e-5, "per_device_train_batch_size": 8, "num_mini_batches": 2,
              "num_ppo_epochs": 2, "kl_coef": 0.05, "response_length": 8, "temperature": 1.0,
              "total_episodes": UPDATES * 8, "report_to": ["tensorboard"], "project": "gpu-check"}
MARKERS = {"v1": "v1", "main": "v2"}


class Bridge:
    """One ``python -m flowmesh_bridge`` process, launched as the Java launcher launches it."""

    def __init__(self, hub_cache=None):
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", CUBLAS_WORKSPACE_CONFIG=":4096:8",
                   FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S="120", PYTHONDONTWRITEBYTECODE="1")
        if hub_cache:
            env["HF_HUB_CACHE"] = hub_cache
        self.process = subprocess.Popen([sys.executable, "-u", "-m", "flowmesh_bridge"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self.next_id = 0

    def call(self, method, params=None):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"id": self.next_id, "method": method, "params": params or {}}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise CheckFailed("the bridge process ended before answering %s" % method)
        reply = json.loads(line)
        if "error" in reply:
            raise CheckFailed("%s failed: %s" % (method, reply["error"].get("message")))
        return reply["result"]

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


class CheckFailed(Exception):
    pass


def ppo_run(bridge, rule=None):
    """One PPO run of UPDATES updates, or until ``rule`` says stop; returns metrics, stop and saved model."""
    opened = bridge.call("ppo.open", {"engine": "torch", "device": DEVICE, "policy_identifier": "tiny/policy",
                                      "learning_rate_scale": 1000.0, "ppo_config": PPO_CONFIG,
                                      "tokenizer_kwargs": {"padding_side": "left"}, "prompts": PROMPTS})
    metrics, stop = [], None
    for _ in range(opened["updates_planned"]):
        m = bridge.call("ppo.update", {"session": opened["session"]})
        metrics.append(m)
        if rule is not None and rule.observe(m["update"], m["kl"]) is not None:
            stop = rule.decision
            break
    saved = bridge.call("ppo.save", {"session": opened["session"]})
    bridge.call("ppo.close", {"session": opened["session"]})
    return opened, metrics, stop, saved


def boundary(kl):
    """The first k > 0 with L[k] > 0, no earlier KL above it and a later one above it."""
    for k in range(1, len(kl)):
        above = [i for i, v in enumerate(kl) if v > kl[k]]
        if kl[k] > 0 and above and above[0] > k:
            return k, above[0]
    return None, None


def check_ppo(report, failures):
    bridge = Bridge()
    try:
        report["hello"] = bridge.call("bridge.hello", {"probe_cuda": DEVICE == "cuda"})
        opened, unarmed, _, saved = ppo_run(bridge)
        kl = [m["kl"] for m in unarmed]
        report["ppo"] = {"device": opened["device"], "updates_planned": opened["updates_planned"], "kl": kl}
        if opened["device"] != DEVICE:
            failures.append("PPO ran on %s, not %s" % (opened["device"], DEVICE))
        if opened["ppo_config"] != PPO_CONFIG:
            failures.append("the trainer did not receive the PPOConfig kwargs as sent")
        if opened["updates_planned"] != UPDATES:
            failures.append("TRL 0.23 arithmetic: %d updates planned, not %d" % (opened["updates_planned"], UPDATES))
        if kl[0] != 0.0:
            failures.append("update 0 samples from the reference itself, yet its KL is %r" % kl[0])
        k, expected = boundary(kl)
        if k is None:
            failures.append("no KL in %s is a running maximum exceeded later, so no boundary to test" % kl)
        else:
            _, armed, stop, armed_saved = ppo_run(bridge, StopRule(kl[k]))
            report["ppo"]["boundary"] = {"k": k, "target_kl": kl[k], "expected_stop": expected, "stop": stop}
            if stop is None or stop["update"] != expected:
                failures.append("armed at target_kl = L[%d] = %r the run stopped at %s, not after update %d"
                                % (k, kl[k], stop and stop["update"], expected))
            if [m["kl"] for m in armed] != kl[:expected + 1]:
                failures.append("arming the stop changed the KL before it")
            if armed_saved.get("updates_trained") != expected + 1:
                failures.append("the final model was not saved after the stop: %s" % armed_saved)
        _, again, _, saved_again = ppo_run(bridge)
        same = json.dumps(again, sort_keys=True) == json.dumps(unarmed, sort_keys=True) and saved_again == saved
        report["ppo"]["deterministic"] = same
        if not same:
            failures.append("two runs with seed %d differ" % PPO_CONFIG["seed"])
        return k, expected, same
    finally:
        bridge.close()


def check_vllm(report, failures):
    modules = report["hello"]["modules"]
    if DEVICE != "cuda":
        report["vllm"] = "skipped: DEVICE=%s" % DEVICE
        return report["vllm"]
    if not (modules.get("vllm") and modules.get("transformers")):
        report["vllm"] = "skipped: vllm or transformers not importable"
        return report["vllm"]
    store = tempfile.mkdtemp(prefix="flowmesh-gpu-check-")
    try:
        generator = Bridge(store)
        try:
            revisions = generator.call("tiny_model.generate", {"hub_cache": store, "weights": "torch"})["revisions"]
        finally:
            generator.close()
        loads = {}
        for revision in ("v1", "main"):
            # One process per engine: a vLLM instance holds its GPU memory until its process ends.
            bridge = Bridge(store)
            try:
                loaded = bridge.call("vllm.load", {"engine": "vllm", "hub_cache": store,
                                                   "identifier": "flowmesh/tiny-llm", "revision": revision})
            finally:
                bridge.close()
            engine = loaded.get("loaded", {})
            loads[revision] = engine
            if engine.get("commit") != revisions[revision]:
                failures.append("vLLM at %s loaded commit %s, not %s" % (revision, engine.get("commit"),
                                                                         revisions[revision]))
            if engine.get("config_marker") != MARKERS[revision]:
                failures.append("vLLM at %s loaded the config marked %r" % (revision, engine.get("config_marker")))
        report["vllm"] = loads
        return "v1=%s main=%s" % (str(loads["v1"].get("commit"))[:8], str(loads["main"].get("commit"))[:8])
    finally:
        shutil.rmtree(store, ignore_errors=True)


def main():
    started = time.monotonic()
    report, failures = {}, []
    try:
        k, expected, same = check_ppo(report, failures)
        vllm = check_vllm(report, failures)
        ppo = ("stop=%s/%d at target_kl=L[%s]" % (expected, UPDATES, k)) if k is not None else "stop=none"
        summary = "device=%s torch-ppo %s deterministic=%s vllm: %s" % (DEVICE, ppo, "yes" if same else "NO", vllm)
    except CheckFailed as e:
        failures.append(str(e))
        summary = "device=%s" % DEVICE
    report["failures"] = failures
    if os.environ.get("GPU_CHECK_REPORT"):
        with open(os.environ["GPU_CHECK_REPORT"], "w", encoding="utf-8") as out:
            json.dump(report, out, indent=2, sort_keys=True, default=str)
    verdict = "PASS" if not failures else "FAIL (%s)" % "; ".join(failures)
    print("gpu-check %s %s in %.0f s" % (verdict, summary, time.monotonic() - started))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
