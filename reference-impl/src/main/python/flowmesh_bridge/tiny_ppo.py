"""A tiny categorical PPO in pure Python (no torch, no numpy), so the bridge runs everywhere.

Same semantics as the Java CPU backend: a policy over 12 tokens conditioned on the prompt (hashed to
one of 4 contexts) and the previous token, a frozen reference copy, a linear value head, sampled
rollouts at a temperature, a "sentiment" score per response, per-token KL penalty ``kl_coef``, GAE
(gamma 1, lambda 0.95), whitened advantages, clipped surrogate and clipped value losses, Adam, several
epochs over shuffled minibatches. The reported KL is TRL 0.23's ``objective/kl`` (``kl_estimator="k1"``):
``log p - log p_ref`` of each sampled token, summed per response and averaged over the batch, a sampled
estimate that can be negative; it is the KL FlowMesh's early stop compares, on every engine. Metrics are deterministic for a seed but not
bitwise equal to Java's (different random streams and prompt hashing).
"""

import hashlib
import math
import random
import struct

from .ppo_config import derive, tiny_report

VOCABULARY = 12
CONTEXTS = 4
START = VOCABULARY
SENTIMENT = [1.0, 0.8, 0.5, 0.3, 0.1, 0.0, 0.0, -0.1, -0.3, -0.5, -0.8, -1.0]
GAMMA = 1.0
LAMBDA = 0.95
CLIP_RANGE = 0.2
CLIP_RANGE_VALUE = 0.2
VALUE_COEF = 0.1

_PREVIOUS_OFFSET = CONTEXTS * VOCABULARY
_BIAS_OFFSET = _PREVIOUS_OFFSET + (VOCABULARY + 1) * VOCABULARY
POLICY_PARAMETERS = _BIAS_OFFSET + VOCABULARY
_VALUE_PREVIOUS_OFFSET = CONTEXTS
_VALUE_REMAINING = _VALUE_PREVIOUS_OFFSET + VOCABULARY + 1
_VALUE_BIAS = _VALUE_REMAINING + 1
VALUE_PARAMETERS = _VALUE_BIAS + 1


def context_of(prompt):
    """The prompt's context: a stable digest, independent of PYTHONHASHSEED."""
    return hashlib.sha256(prompt.encode("utf-8")).digest()[0] % CONTEXTS


def probabilities(theta, context, previous, temperature):
    logits = [
        (theta[context * VOCABULARY + k] + theta[_PREVIOUS_OFFSET + previous * VOCABULARY + k]
         + theta[_BIAS_OFFSET + k]) / temperature
        for k in range(VOCABULARY)
    ]
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


def value_of(phi, context, previous, position, length):
    remaining = (length - position) / length
    return phi[context] + phi[_VALUE_PREVIOUS_OFFSET + previous] + phi[_VALUE_REMAINING] * remaining + phi[_VALUE_BIAS]


class Adam:
    """Adam without weight decay over one flat list of parameters."""

    def __init__(self, size, learning_rate):
        self.m = [0.0] * size
        self.v = [0.0] * size
        self.learning_rate = learning_rate
        self.steps = 0

    def step(self, params, grad):
        self.steps += 1
        c1 = 1.0 - 0.9 ** self.steps
        c2 = 1.0 - 0.999 ** self.steps
        for i, g in enumerate(grad):
            self.m[i] = 0.9 * self.m[i] + 0.1 * g
            self.v[i] = 0.999 * self.v[i] + 0.001 * g * g
            params[i] -= self.learning_rate * (self.m[i] / c1) / (math.sqrt(self.v[i] / c2) + 1e-8)


class TinyPpoSession:
    """One PPO run; ``update()`` is one rollout plus optimisation phase."""

    engine = "pure"
    device = "cpu"

    def __init__(self, raw):
        self.setup = setup = derive(raw)
        self.report = tiny_report(raw, setup)
        init = random.Random(setup.seed)
        self.reference = [(init.random() * 2.0 - 1.0) * 0.5 for _ in range(POLICY_PARAMETERS)]
        self.policy = list(self.reference)
        self.value_head = [0.0] * VALUE_PARAMETERS
        learning_rate = setup.learning_rate * setup.learning_rate_scale
        self.policy_optimizer = Adam(POLICY_PARAMETERS, learning_rate)
        self.value_optimizer = Adam(VALUE_PARAMETERS, learning_rate)
        self.random = random.Random(setup.seed * 7919 + 1)
        self.contexts = [context_of(p) for p in setup.prompts]
        self.updates_run = 0

    def update(self):
        s = self.setup
        batch, length, temperature = s.rollout_batch_size, s.response_length, s.temperature
        rollouts = []
        kl_sum = entropy_sum = score_sum = 0.0
        for b in range(batch):
            context = self.contexts[(self.updates_run * batch + b) % len(self.contexts)]
            previous = START
            steps = []
            score = 0.0
            for t in range(length):
                p = probabilities(self.policy, context, previous, temperature)
                q = probabilities(self.reference, context, previous, temperature)
                action = self._draw(p)
                steps.append({
                    "previous": previous, "action": action, "logp": math.log(p[action]),
                    "ref_logp": math.log(q[action]),
                    "value": value_of(self.value_head, context, previous, t, length),
                })
                kl_sum += math.log(p[action]) - math.log(q[action])
                entropy_sum -= sum(pk * math.log(pk) for pk in p)
                score += SENTIMENT[action]
                previous = action
            score /= length
            score_sum += score
            rollouts.append({"context": context, "steps": steps, "score": score})
        self._advantages(rollouts)
        policy_loss, value_loss = self._optimise(rollouts)
        metrics = {
            "update": self.updates_run, "kl": kl_sum / batch, "mean_reward": score_sum / batch,
            "policy_loss": policy_loss, "value_loss": value_loss,
            "entropy": entropy_sum / (batch * length),
        }
        self.updates_run += 1
        return metrics

    def save(self):
        digest = hashlib.sha256(struct.pack(">%dd" % len(self.policy), *self.policy)).hexdigest()
        return {"checksum": "sha256:" + digest, "updates_trained": self.updates_run}

    def close(self):
        pass

    def _draw(self, p):
        u = self.random.random()
        cumulative = 0.0
        for k in range(VOCABULARY - 1):
            cumulative += p[k]
            if u < cumulative:
                return k
        return VOCABULARY - 1

    def _advantages(self, rollouts):
        kl_coef = self.setup.kl_coef
        all_advantages = []
        for rollout in rollouts:
            steps = rollout["steps"]
            last_gae = 0.0
            for t in range(len(steps) - 1, -1, -1):
                step = steps[t]
                reward = -kl_coef * (step["logp"] - step["ref_logp"])
                if t == len(steps) - 1:
                    reward += rollout["score"]
                next_value = steps[t + 1]["value"] if t < len(steps) - 1 else 0.0
                delta = reward + GAMMA * next_value - step["value"]
                last_gae = delta + GAMMA * LAMBDA * last_gae
                step["advantage"] = last_gae
                step["return"] = last_gae + step["value"]
                all_advantages.append(last_gae)
        mean = sum(all_advantages) / len(all_advantages)
        variance = sum((a - mean) ** 2 for a in all_advantages) / max(1, len(all_advantages) - 1)
        std = math.sqrt(variance + 1e-8)
        for rollout in rollouts:
            for step in rollout["steps"]:
                step["advantage"] = (step["advantage"] - mean) / std

    def _optimise(self, rollouts):
        s = self.setup
        mini = s.rollout_batch_size // s.mini_batches
        length, temperature = s.response_length, s.temperature
        policy_losses, value_losses = [], []
        order = list(range(len(rollouts)))
        for _ in range(s.ppo_epochs):
            self.random.shuffle(order)
            for start in range(0, len(order), mini):
                policy_grad = [0.0] * POLICY_PARAMETERS
                value_grad = [0.0] * VALUE_PARAMETERS
                tokens = mini * length
                policy_loss = value_loss = 0.0
                for b in order[start:start + mini]:
                    context = rollouts[b]["context"]
                    for t, step in enumerate(rollouts[b]["steps"]):
                        previous, action = step["previous"], step["action"]
                        p = probabilities(self.policy, context, previous, temperature)
                        advantage = step["advantage"]
                        ratio = math.exp(math.log(p[action]) - step["logp"])
                        unclipped = -advantage * ratio
                        clipped = -advantage * min(max(ratio, 1 - CLIP_RANGE), 1 + CLIP_RANGE)
                        policy_loss += max(unclipped, clipped)
                        if unclipped >= clipped:
                            scale = -advantage * ratio / tokens
                            for k in range(VOCABULARY):
                                d = scale * ((1.0 if k == action else 0.0) - p[k]) / temperature
                                policy_grad[context * VOCABULARY + k] += d
                                policy_grad[_PREVIOUS_OFFSET + previous * VOCABULARY + k] += d
                                policy_grad[_BIAS_OFFSET + k] += d
                        predicted = value_of(self.value_head, context, previous, t, length)
                        old, target = step["value"], step["return"]
                        clipped_value = old + min(max(predicted - old, -CLIP_RANGE_VALUE), CLIP_RANGE_VALUE)
                        loss1 = (predicted - target) ** 2
                        loss2 = (clipped_value - target) ** 2
                        value_loss += 0.5 * max(loss1, loss2)
                        if loss1 >= loss2:
                            g = VALUE_COEF * (predicted - target) / tokens
                            value_grad[context] += g
                            value_grad[_VALUE_PREVIOUS_OFFSET + previous] += g
                            value_grad[_VALUE_REMAINING] += g * (length - t) / length
                            value_grad[_VALUE_BIAS] += g
                self.policy_optimizer.step(self.policy, policy_grad)
                self.value_optimizer.step(self.value_head, value_grad)
                policy_losses.append(policy_loss / tokens)
                value_losses.append(value_loss / tokens)
        return sum(policy_losses) / len(policy_losses), sum(value_losses) / len(value_losses)
