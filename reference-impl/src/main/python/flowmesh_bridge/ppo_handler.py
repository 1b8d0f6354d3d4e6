"""The ``ppo.*`` methods: open a run on an engine, step it one update at a time, save, close.

Engines, best first under ``engine: auto``: ``trl`` (TRL's PPOTrainer on a local model directory,
only when the request names one), ``torch`` (a tiny randomly initialised transformer, CUDA when
available) and ``pure`` (pure Python, always available). The caller decides when to stop.

``ppo.open`` answers with what the engine's trainer was set up with: ``ppo_config`` (the PPOConfig
keyword arguments as it received them), ``tokenizer`` (``padding_side``, ``input_ids`` and
``attention_mask`` of the prompts) and ``updates_planned``.
"""

from collections import namedtuple

from .capabilities import module_available
from .errors import InvalidRequest, ModuleMissing, require_param
from .tiny_ppo import TinyPpoSession

PpoSetup = namedtuple("PpoSetup", [
    "policy_identifier", "policy_revision", "learning_rate_scale", "ppo_config", "tokenizer_kwargs", "prompts",
    "model_dir", "device",
])

ENGINES = ("auto", "pure", "torch", "trl")


def parse_setup(params):
    """Checks the ``ppo.open`` parameters and returns a PpoSetup.

    ``ppo_config`` holds TRL PPOConfig keyword arguments and ``tokenizer_kwargs`` tokenizer keyword
    arguments, both handed to the engine as they are: each engine checks them as its trainer would.
    """
    prompts = require_param(params, "prompts", list)
    if not prompts or not all(isinstance(p, str) for p in prompts):
        raise InvalidRequest("parameter 'prompts' must be a non-empty list of strings")
    scale = params.get("learning_rate_scale", 1.0)
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not scale > 0:
        raise InvalidRequest("parameter 'learning_rate_scale' must be a number > 0, got %r" % (scale,))
    return PpoSetup(
        policy_identifier=require_param(params, "policy_identifier", str),
        policy_revision=params.get("policy_revision"),
        learning_rate_scale=float(scale),
        ppo_config=dict(require_param(params, "ppo_config", dict)),
        tokenizer_kwargs=dict(params.get("tokenizer_kwargs") or {}),
        prompts=list(prompts),
        model_dir=params.get("model_dir"),
        device=params.get("device", "auto"),
    )


def open_session(setup, engine):
    """Starts a session on the named engine; ``auto`` picks the best importable one."""
    if engine not in ENGINES:
        raise InvalidRequest("unknown engine '%s'; expected one of %s" % (engine, ", ".join(ENGINES)))
    if engine == "auto":
        if setup.model_dir and module_available("trl") and module_available("torch"):
            engine = "trl"
        elif module_available("torch"):
            engine = "torch"
        else:
            engine = "pure"
    if engine == "pure":
        return TinyPpoSession(setup)
    if not module_available("torch"):
        raise ModuleMissing("engine '%s' needs the Python module 'torch', which is not installed" % engine)
    if engine == "torch":
        from .torch_ppo import TorchPpoSession
        return TorchPpoSession(setup)
    if not module_available("trl"):
        raise ModuleMissing("engine 'trl' needs the Python module 'trl', which is not installed")
    if not setup.model_dir:
        raise InvalidRequest("engine 'trl' needs parameter 'model_dir' (a local model directory)")
    from .trl_ppo import TrlPpoSession
    return TrlPpoSession(setup)


class PpoHandler:
    """Holds the open sessions by id."""

    def __init__(self):
        self.sessions = {}
        self.opened = 0

    def open(self, params):
        setup = parse_setup(params)
        session = open_session(setup, params.get("engine", "auto"))
        self.opened += 1
        session_id = "ppo-%d" % self.opened
        self.sessions[session_id] = session
        reply = {"session": session_id, "engine": session.engine, "device": session.device}
        reply.update(session.report)
        return reply

    def _session(self, params):
        session_id = require_param(params, "session", str)
        if session_id not in self.sessions:
            raise InvalidRequest("no open PPO session '%s'" % session_id)
        return self.sessions[session_id]

    def update(self, params):
        return self._session(params).update()

    def save(self, params):
        return self._session(params).save()

    def close(self, params):
        session = self._session(params)
        del self.sessions[params["session"]]
        session.close()
        return {"closed": params["session"]}
