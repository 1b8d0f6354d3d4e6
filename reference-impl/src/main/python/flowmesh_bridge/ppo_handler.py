"""The ``ppo.*`` methods: open a run on an engine, step it one update at a time, save, close.

Engines, best first under ``engine: auto``: ``trl`` (TRL's PPOTrainer on a local model directory,
only when the request names one), ``torch`` (a tiny randomly initialised transformer, CUDA when
available) and ``pure`` (pure Python, always available). The caller decides when to stop.
"""

from collections import namedtuple

from .capabilities import module_available
from .errors import InvalidRequest, ModuleMissing, require_param
from .tiny_ppo import TinyPpoSession

PpoSetup = namedtuple("PpoSetup", [
    "policy_identifier", "policy_revision", "seed", "learning_rate", "learning_rate_scale",
    "rollout_batch_size", "mini_batches", "ppo_epochs", "kl_coef", "response_length", "temperature",
    "updates", "prompts", "model_dir", "device",
])

ENGINES = ("auto", "pure", "torch", "trl")


def parse_setup(params):
    """Checks the ``ppo.open`` parameters and returns a PpoSetup."""
    def positive_int(name):
        value = require_param(params, name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise InvalidRequest("parameter '%s' must be a positive integer, got %r" % (name, value))
        return value

    def number(name, default=None, allow_zero=False):
        value = params.get(name, default)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidRequest("parameter '%s' must be a number, got %r" % (name, value))
        if not (value >= 0 if allow_zero else value > 0):
            raise InvalidRequest("parameter '%s' must be %s 0, got %r" % (name, ">=" if allow_zero else ">", value))
        return float(value)

    prompts = require_param(params, "prompts", list)
    if not prompts or not all(isinstance(p, str) for p in prompts):
        raise InvalidRequest("parameter 'prompts' must be a non-empty list of strings")
    setup = PpoSetup(
        policy_identifier=require_param(params, "policy_identifier", str),
        policy_revision=params.get("policy_revision"),
        seed=int(number("seed", allow_zero=True)),
        learning_rate=number("learning_rate"),
        learning_rate_scale=number("learning_rate_scale", default=1.0),
        rollout_batch_size=positive_int("rollout_batch_size"),
        mini_batches=positive_int("mini_batches"),
        ppo_epochs=positive_int("ppo_epochs"),
        kl_coef=number("kl_coef", allow_zero=True),
        response_length=positive_int("response_length"),
        temperature=number("temperature"),
        updates=positive_int("updates"),
        prompts=list(prompts),
        model_dir=params.get("model_dir"),
        device=params.get("device", "auto"),
    )
    if setup.rollout_batch_size % setup.mini_batches:
        raise InvalidRequest("rollout_batch_size %d is not a multiple of mini_batches %d"
                             % (setup.rollout_batch_size, setup.mini_batches))
    return setup


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
        return {"session": session_id, "engine": session.engine, "device": session.device}

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
