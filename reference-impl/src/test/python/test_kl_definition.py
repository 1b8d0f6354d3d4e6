"""Every engine reports TRL 0.23's ``objective/kl`` (k1): the sampled tokens' ``log p - log p_ref``,
summed over each response and averaged over the batch, not the exact KL of the distributions.

Each test fixes the sampled tokens, moves the policy off its reference and recomputes the k1 value from
the models' own probabilities, with the formula written out here; the exact KL of the same states is
shown to differ, so an engine reporting it fails.
"""

import math
import unittest

import bridge_sources  # noqa: F401  (sys.path)
from flowmesh_bridge.capabilities import module_available
from flowmesh_bridge.ppo_handler import parse_setup
from flowmesh_bridge import tiny_ppo

CONFIG = {"seed": 3, "learning_rate": 0.02, "per_device_train_batch_size": 4, "num_mini_batches": 2,
          "num_ppo_epochs": 1, "kl_coef": 0.05, "response_length": 5, "temperature": 0.8, "total_episodes": 4}
PROMPTS = ["The movie was", "I think", "Today", "What a day"]
ACTIONS = [[0, 11, 3, 3, 7], [5, 5, 5, 1, 0], [11, 10, 9, 8, 7], [2, 4, 6, 8, 10]]


def setup(**overrides):
    return parse_setup({"policy_identifier": "tiny/policy", "prompts": PROMPTS,
                        "ppo_config": dict(CONFIG, **overrides), "device": "cpu"})


class PureEngineKlTest(unittest.TestCase):

    def test_reported_kl_is_the_k1_estimate_of_the_sampled_tokens(self):
        session = tiny_ppo.TinyPpoSession(setup())
        session.policy = [w + (0.4 if i % 3 == 0 else -0.25) for i, w in enumerate(session.policy)]
        sampling_policy = list(session.policy)
        draws = iter([a for response in ACTIONS for a in response])
        session._draw = lambda p: next(draws)

        reported = session.update()["kl"]

        k1, exact = [], []
        for b, response in enumerate(ACTIONS):
            context = tiny_ppo.context_of(PROMPTS[b])
            previous, k1_sum, exact_sum = tiny_ppo.START, 0.0, 0.0
            for action in response:
                p = tiny_ppo.probabilities(sampling_policy, context, previous, CONFIG["temperature"])
                q = tiny_ppo.probabilities(session.reference, context, previous, CONFIG["temperature"])
                k1_sum += math.log(p[action]) - math.log(q[action])
                exact_sum += sum(pk * (math.log(pk) - math.log(qk)) for pk, qk in zip(p, q))
                previous = action
            k1.append(k1_sum)
            exact.append(exact_sum)
        self.assertAlmostEqual(reported, sum(k1) / len(k1), places=12)
        self.assertGreater(abs(sum(exact) / len(exact) - reported), 1e-3, "the exact KL is a different number")


@unittest.skipUnless(module_available("torch"), "torch is not importable by this Python")
class TorchEngineKlTest(unittest.TestCase):

    def test_reported_kl_is_the_k1_estimate_of_the_sampled_tokens(self):
        import torch
        import torch.nn.functional as F
        from flowmesh_bridge.torch_ppo import VOCABULARY, TorchPpoSession

        session = TorchPpoSession(setup())
        with torch.no_grad():
            for parameter in session.policy.parameters():
                parameter.add_(0.3 * torch.randn(parameter.shape, generator=torch.Generator().manual_seed(1)))
        contexts = [tiny_ppo.context_of(p) for p in PROMPTS]
        ids = torch.tensor([[VOCABULARY + c] + response for c, response in zip(contexts, ACTIONS)])
        session._rollout = lambda: ids
        temperature = CONFIG["temperature"]
        with torch.no_grad():
            logp = F.log_softmax(session.policy(ids[:, :-1])[0] / temperature, dim=-1)
            ref = F.log_softmax(session.reference(ids[:, :-1])[0] / temperature, dim=-1)
        tokens = ids[:, 1:].unsqueeze(-1)
        k1 = (logp.gather(-1, tokens) - ref.gather(-1, tokens)).squeeze(-1).sum(-1).mean().item()
        exact = (logp.exp() * (logp - ref)).sum(-1).sum(-1).mean().item()

        reported = session.update()["kl"]

        self.assertAlmostEqual(reported, k1, places=5)
        self.assertGreater(abs(exact - reported), 1e-2, "the exact KL is a different number")


if __name__ == "__main__":
    unittest.main()
