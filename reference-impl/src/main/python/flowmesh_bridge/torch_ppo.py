"""PPO in torch over a tiny randomly initialised transformer (no downloads), on CUDA when available.

The same algorithm as the pure-Python engine, on real tensors: the policy and a separate critic are
one-layer causal transformers built from a config; the reference is a frozen copy of the initial
policy; tokens carry a fixed "sentiment" score. Imported only when torch is installed; runs on torch
1.13 (Debian's ``python3-torch``, which the default build uses on CPU) and on current releases.

The reported ``kl`` is TRL 0.23's ``objective/kl`` (``kl_estimator="k1"``), as every engine reports it:
``log p - log p_ref`` of each sampled token, summed per response, averaged over the batch.

Determinism: ``torch.use_deterministic_algorithms(True)``, seeded generators for sampling and
shuffling, and on CPU one intra-op thread (so a reduction's order does not depend on the core count).
CUDA's cuBLAS is deterministic only with ``CUBLAS_WORKSPACE_CONFIG`` set before CUDA starts; the bridge's
launch environment sets it, and a CUDA run without it is refused rather than silently irreproducible.
"""

import hashlib
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from .errors import InvalidRequest
from .ppo_config import derive, tiny_report
from .tiny_ppo import CONTEXTS, SENTIMENT, VOCABULARY, context_of

GAMMA = 1.0
LAMBDA = 0.95
CLIP_RANGE = 0.2
CLIP_RANGE_VALUE = 0.2
VALUE_COEF = 0.1
TINY_CONFIG = {"d_model": 32, "heads": 2, "layers": 1, "feedforward": 64}


class TinyCausalTransformer(nn.Module):
    """Token + position embeddings, causal encoder layers, an LM head and a scalar value head.

    Input ids 0..VOCABULARY-1 are response tokens; VOCABULARY + c is the prompt context c.
    """

    def __init__(self, max_length, d_model, heads, layers, feedforward):
        super().__init__()
        self.embed = nn.Embedding(VOCABULARY + CONTEXTS, d_model)
        self.position = nn.Embedding(max_length + 1, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=feedforward, dropout=0.0,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.lm_head = nn.Linear(d_model, VOCABULARY)
        self.value_head = nn.Linear(d_model, 1)

    def forward(self, ids):
        length = ids.shape[1]
        positions = torch.arange(length, device=ids.device)
        hidden = self.embed(ids) + self.position(positions)
        # Built by hand: torch 1.13 has neither the device argument of generate_square_subsequent_mask
        # nor the encoder's is_causal.
        mask = torch.triu(torch.full((length, length), float("-inf"), device=ids.device), diagonal=1)
        hidden = self.encoder(hidden, mask=mask)
        return self.lm_head(hidden), self.value_head(hidden).squeeze(-1)


def pick_device(requested):
    if requested in (None, "auto"):
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise InvalidRequest("device 'cuda' was asked for but torch.cuda.is_available() is false")
    if requested not in ("cpu", "cuda"):
        raise InvalidRequest("device must be auto, cpu or cuda, got %r" % requested)
    return requested


CUBLAS_WORKSPACE_CONFIG = ":4096:8"


def make_deterministic(device):
    """Deterministic kernels on ``device``; refuses CUDA when cuBLAS cannot be made deterministic."""
    if device == "cuda" and os.environ.get("CUBLAS_WORKSPACE_CONFIG") not in (":4096:8", ":16:8"):
        raise InvalidRequest("CUDA PPO needs CUBLAS_WORKSPACE_CONFIG=%s in the bridge's environment before torch "
                             "starts (found %r); without it cuBLAS results are not reproducible"
                             % (CUBLAS_WORKSPACE_CONFIG, os.environ.get("CUBLAS_WORKSPACE_CONFIG")))
    torch.use_deterministic_algorithms(True)
    if device == "cpu":
        torch.set_num_threads(1)


class TorchPpoSession:
    """One PPO run on torch; ``update()`` is one rollout plus optimisation phase."""

    engine = "torch"

    def __init__(self, raw):
        self.setup = setup = derive(raw)
        self.report = tiny_report(raw, setup)
        self.device = pick_device(setup.device)
        make_deterministic(self.device)
        torch.manual_seed(setup.seed)
        self.generator = torch.Generator(device=self.device)
        self.generator.manual_seed(setup.seed)
        self.policy = TinyCausalTransformer(setup.response_length, **TINY_CONFIG).to(self.device)
        self.reference = TinyCausalTransformer(setup.response_length, **TINY_CONFIG).to(self.device)
        self.reference.load_state_dict(self.policy.state_dict())
        self.reference.requires_grad_(False)
        self.critic = TinyCausalTransformer(setup.response_length, **TINY_CONFIG).to(self.device)
        learning_rate = setup.learning_rate * setup.learning_rate_scale
        self.optimizer = torch.optim.Adam(list(self.policy.parameters()) + list(self.critic.parameters()),
                                          lr=learning_rate, eps=1e-8)
        self.sentiment = torch.tensor(SENTIMENT, device=self.device)
        self.contexts = [context_of(p) for p in setup.prompts]
        self.updates_run = 0

    def _log_probs(self, model, ids):
        logits, values = model(ids[:, :-1])
        return F.log_softmax(logits / self.setup.temperature, dim=-1), values

    @torch.no_grad()
    def _rollout(self):
        s = self.setup
        contexts = [self.contexts[(self.updates_run * s.rollout_batch_size + b) % len(self.contexts)]
                    for b in range(s.rollout_batch_size)]
        ids = torch.tensor([[VOCABULARY + c] for c in contexts], device=self.device)
        for _ in range(s.response_length):
            logits, _ = self.policy(ids)
            probs = F.softmax(logits[:, -1] / s.temperature, dim=-1)
            token = torch.multinomial(probs, 1, generator=self.generator)
            ids = torch.cat([ids, token], dim=1)
        return ids

    def update(self):
        s = self.setup
        ids = self._rollout()
        responses = ids[:, 1:]
        with torch.no_grad():
            logp_all, _ = self._log_probs(self.policy, ids)
            ref_all, _ = self._log_probs(self.reference, ids)
            _, values = self._log_probs(self.critic, ids)
            logp = logp_all.gather(-1, responses.unsqueeze(-1)).squeeze(-1)
            ref_logp = ref_all.gather(-1, responses.unsqueeze(-1)).squeeze(-1)
            p = logp_all.exp()
            kl = (logp - ref_logp).sum(-1).mean().item()
            entropy = -(p * logp_all).sum(-1).mean().item()
            scores = self.sentiment[responses].mean(-1)
            rewards = -s.kl_coef * (logp - ref_logp)
            rewards[:, -1] += scores
            advantages = torch.zeros_like(rewards)
            last_gae = torch.zeros(rewards.shape[0], device=self.device)
            for t in range(s.response_length - 1, -1, -1):
                next_value = values[:, t + 1] if t < s.response_length - 1 else torch.zeros_like(last_gae)
                delta = rewards[:, t] + GAMMA * next_value - values[:, t]
                last_gae = delta + GAMMA * LAMBDA * last_gae
                advantages[:, t] = last_gae
            returns = advantages + values
            advantages = (advantages - advantages.mean()) / (advantages.var() + 1e-8).sqrt()
        policy_losses, value_losses = [], []
        mini = s.rollout_batch_size // s.mini_batches
        for _ in range(s.ppo_epochs):
            order = torch.randperm(s.rollout_batch_size, generator=self.generator, device=self.device)
            for start in range(0, s.rollout_batch_size, mini):
                batch = order[start:start + mini]
                new_all, _ = self._log_probs(self.policy, ids[batch])
                new_logp = new_all.gather(-1, responses[batch].unsqueeze(-1)).squeeze(-1)
                ratio = (new_logp - logp[batch]).exp()
                adv = advantages[batch]
                policy_loss = torch.max(-adv * ratio, -adv * ratio.clamp(1 - CLIP_RANGE, 1 + CLIP_RANGE)).mean()
                _, predicted = self._log_probs(self.critic, ids[batch])
                old = values[batch]
                clipped = old + (predicted - old).clamp(-CLIP_RANGE_VALUE, CLIP_RANGE_VALUE)
                target = returns[batch]
                value_loss = 0.5 * torch.max((predicted - target) ** 2, (clipped - target) ** 2).mean()
                self.optimizer.zero_grad()
                (policy_loss + VALUE_COEF * value_loss).backward()
                self.optimizer.step()
                policy_losses.append(policy_loss.item())
                value_losses.append(value_loss.item())
        metrics = {
            "update": self.updates_run, "kl": kl, "mean_reward": scores.mean().item(),
            "policy_loss": sum(policy_losses) / len(policy_losses),
            "value_loss": sum(value_losses) / len(value_losses), "entropy": entropy,
        }
        self.updates_run += 1
        return metrics

    def save(self):
        digest = hashlib.sha256()
        for name, tensor in self.policy.state_dict().items():
            digest.update(name.encode())
            digest.update(tensor.detach().to("cpu", torch.float64).contiguous().numpy().tobytes())
        return {"checksum": "sha256:" + digest.hexdigest(), "updates_trained": self.updates_run}

    def close(self):
        self.policy = self.reference = self.critic = self.optimizer = None
        if self.device == "cuda":
            torch.cuda.empty_cache()
