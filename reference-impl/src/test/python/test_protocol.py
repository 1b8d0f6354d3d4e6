"""The JSON-lines protocol: one reply per request, with its id, errors as data."""

import json
import os
import subprocess
import sys
import unittest

import bridge_sources
from flowmesh_bridge.protocol import serve


def exchange(requests):
    replies = []
    serve([json.dumps(r) if isinstance(r, dict) else r for r in requests], replies.append)
    return [json.loads(r) for r in replies]


OPEN = {
    "policy_identifier": "tiny/policy", "engine": "pure", "prompts": ["a"],
    "ppo_config": {"seed": 1, "learning_rate": 0.02, "per_device_train_batch_size": 4, "num_mini_batches": 2,
                   "num_ppo_epochs": 1, "kl_coef": 0.05, "response_length": 4, "temperature": 1.0,
                   "total_episodes": 8, "report_to": ["wandb"], "project": "p"},
    "tokenizer_kwargs": {"padding_side": "left"},
}


class ProtocolTest(unittest.TestCase):

    def test_ppo_round_trip(self):
        replies = exchange([
            {"id": 1, "method": "ppo.open", "params": OPEN},
            {"id": 2, "method": "ppo.update", "params": {"session": "ppo-1"}},
            {"id": 3, "method": "ppo.save", "params": {"session": "ppo-1"}},
            {"id": 4, "method": "ppo.close", "params": {"session": "ppo-1"}},
            {"id": 5, "method": "ppo.update", "params": {"session": "ppo-1"}},
        ])
        self.assertEqual([r["id"] for r in replies], [1, 2, 3, 4, 5])
        self.assertEqual(replies[0]["result"]["session"], "ppo-1")
        self.assertEqual((replies[0]["result"]["engine"], replies[0]["result"]["device"]), ("pure", "cpu"))
        self.assertEqual(replies[0]["result"]["ppo_config"], OPEN["ppo_config"], "the kwargs as received")
        self.assertEqual(replies[0]["result"]["tokenizer"]["padding_side"], "left")
        self.assertEqual(replies[0]["result"]["updates_planned"], 2, "ceil(8 episodes / (4 x 1))")
        self.assertEqual(sorted(replies[1]["result"]),
                         ["entropy", "kl", "mean_reward", "policy_loss", "update", "value_loss"])
        self.assertEqual(replies[2]["result"]["updates_trained"], 1)
        self.assertEqual(replies[4]["error"]["type"], "invalid_request", "update after close")

    def test_errors_are_replies_not_crashes(self):
        replies = exchange(["not json", {"id": 7, "method": "no.such"},
                            {"id": 8, "method": "ppo.open", "params": {"engine": "pure"}},
                            {"id": 9, "method": "ppo.open", "params": dict(OPEN, engine="warp")},
                            {"id": 10, "method": "bridge.hello"}])
        self.assertEqual(replies[0]["error"]["type"], "invalid_request")
        self.assertIsNone(replies[0]["id"])
        self.assertEqual(replies[1], {"id": 7, "error": {"type": "unknown_method", "message": "unknown method 'no.such'"}})
        self.assertIn("missing parameter", replies[2]["error"]["message"])
        self.assertIn("unknown engine", replies[3]["error"]["message"])
        self.assertEqual(replies[4]["result"]["protocol"], 1)

    def test_missing_engine_module_is_named(self):
        from flowmesh_bridge.capabilities import module_available
        if module_available("torch"):
            self.skipTest("torch is installed here, so engine 'torch' is not missing")
        reply = exchange([{"id": 1, "method": "ppo.open", "params": dict(OPEN, engine="torch")}])[0]
        self.assertEqual(reply["error"]["type"], "module_missing")
        self.assertIn("'torch'", reply["error"]["message"])

    def test_process_keeps_stdout_for_replies(self):
        env = dict(os.environ, PYTHONPATH=bridge_sources.SOURCES)
        lines = "\n".join([json.dumps({"id": 1, "method": "bridge.hello"}), ""])
        out = subprocess.run([sys.executable, "-m", "flowmesh_bridge"], input=lines, capture_output=True,
                             text=True, env=env, timeout=60, check=True).stdout
        self.assertEqual(len(out.splitlines()), 1, out)
        self.assertEqual(json.loads(out)["id"], 1)


if __name__ == "__main__":
    unittest.main()
