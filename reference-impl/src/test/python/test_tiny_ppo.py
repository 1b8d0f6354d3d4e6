"""The pure-Python PPO engine: deterministic, KL from real distributions, kl_coef matters."""

import unittest

import bridge_sources  # noqa: F401  (sys.path)
from flowmesh_bridge.ppo_handler import parse_setup
from flowmesh_bridge.tiny_ppo import TinyPpoSession


def setup(**overrides):
    config = {
        "seed": 5, "learning_rate": 0.02, "per_device_train_batch_size": 8, "num_mini_batches": 2,
        "num_ppo_epochs": 2, "kl_coef": 0.05, "response_length": 8, "temperature": 0.9, "total_episodes": 12 * 8,
    }
    config.update(overrides)
    return parse_setup({"policy_identifier": "tiny/policy", "prompts": ["The movie was", "I think", "Today"],
                        "ppo_config": config})


def run(s):
    session = TinyPpoSession(s)
    return [session.update() for _ in range(session.report["updates_planned"])], session.save()


class TinyPpoTest(unittest.TestCase):

    def test_same_seed_gives_identical_metrics_and_checksum(self):
        first = run(setup())
        self.assertEqual(first, run(setup()), "two runs with seed 5")
        self.assertNotEqual(first[0], run(setup(seed=6))[0], "a different seed samples differently")

    def test_policy_starts_on_reference_and_drifts(self):
        metrics, saved = run(setup(kl_coef=0.0))
        self.assertEqual(metrics[0]["kl"], 0.0, "KL of the untrained policy to its own copy")
        self.assertGreater(metrics[-1]["kl"], 0.3, "KL after 11 unpenalised updates")
        self.assertGreater(metrics[-1]["mean_reward"], metrics[0]["mean_reward"], "reward after training")
        self.assertEqual([m["update"] for m in metrics], list(range(12)))
        self.assertEqual(saved["updates_trained"], 12)
        self.assertTrue(saved["checksum"].startswith("sha256:"))

    def test_higher_kl_coef_keeps_the_policy_closer(self):
        loose, _ = run(setup(kl_coef=0.0, total_episodes=16 * 8))
        tight, _ = run(setup(kl_coef=1.0, total_episodes=16 * 8))
        self.assertNotEqual([m["kl"] for m in loose], [m["kl"] for m in tight])
        tail = lambda ms: sum(m["kl"] for m in ms[-4:]) / 4
        self.assertLess(tail(tight), tail(loose), "mean KL of the last 4 updates, kl_coef 1.0 vs 0.0")


class ParseSetupTest(unittest.TestCase):

    def test_rejects_bad_parameters_by_name(self):
        from flowmesh_bridge.errors import InvalidRequest
        for name, value in (("prompts", []), ("ppo_config", None), ("learning_rate_scale", 0)):
            with self.assertRaises(InvalidRequest, msg=name) as caught:
                parse_setup({"policy_identifier": "p", "prompts": ["a"], "ppo_config": {}, name: value})
            self.assertIn(name, str(caught.exception))

    def test_bad_ppo_config_values_are_refused_when_the_engine_starts(self):
        from flowmesh_bridge.errors import InvalidRequest
        for name, value in (("per_device_train_batch_size", 0), ("temperature", 0), ("kl_coef", -1),
                            ("num_mini_batches", True), ("report_to", 3), ("log_with", "wandb")):
            with self.assertRaises(InvalidRequest, msg=name) as caught:
                TinyPpoSession(setup(**{name: value}))
            self.assertIn(name, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
