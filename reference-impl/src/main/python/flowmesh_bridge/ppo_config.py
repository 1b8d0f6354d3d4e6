"""What TRL 0.23's PPOTrainer derives from its PPOConfig, for the tiny engines (pure, torch).

One process (``world_size = 1``): ``local_batch_size = per_device_train_batch_size *
gradient_accumulation_steps`` rollouts per update, split into ``num_mini_batches`` minibatches (which
must divide it); ``num_total_batches = ceil(total_episodes / batch_size)`` updates with ``batch_size =
local_batch_size * world_size``, ``total_episodes`` defaulting to ``num_train_epochs * len(dataset)``.
Absent kwargs take TRL 0.23's defaults. The tiny engines accept the kwargs in ``KNOWN`` and refuse
others as ``PPOConfig(**kwargs)`` does; ``report_to``, ``project``, ``save_strategy`` and ``save_steps``
are checked but change nothing there (no tracker, no checkpoints). The TRL engine hands the kwargs to
TRL's own PPOConfig instead.
"""

from collections import namedtuple

from .errors import InvalidRequest
from .tiny_tokenizer import WordTokenizer

KNOWN = ("gradient_accumulation_steps", "kl_coef", "learning_rate", "num_mini_batches", "num_ppo_epochs",
         "num_train_epochs", "per_device_train_batch_size", "project", "report_to", "response_length",
         "save_steps", "save_strategy", "seed", "temperature", "total_episodes")

TrainerArgs = namedtuple("TrainerArgs", [
    "learning_rate", "seed", "rollout_batch_size", "mini_batches", "ppo_epochs", "kl_coef", "response_length",
    "temperature", "updates",
])


def _int(config, name, default, minimum):
    value = config.get(name, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidRequest("PPOConfig: '%s' must be an int >= %d, got %r" % (name, minimum, value))
    return value


def _number(config, name, default, allow_zero):
    value = config.get(name, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (value >= 0 if allow_zero else value > 0):
        raise InvalidRequest("PPOConfig: '%s' must be a number %s 0, got %r" % (name, ">=" if allow_zero else ">", value))
    return float(value)


def trainer_args(config, dataset_size):
    """Checks PPOConfig kwargs and derives the run, as TRL's trainer does."""
    if not isinstance(config, dict):
        raise InvalidRequest("parameter 'ppo_config' must be an object of PPOConfig keyword arguments")
    for name in config:
        if name not in KNOWN:
            raise InvalidRequest("PPOConfig.__init__() got an unexpected keyword argument '%s'" % name)
    report_to = config.get("report_to")
    if report_to is not None and report_to != "none" and not (
            isinstance(report_to, list) and all(isinstance(r, str) for r in report_to)):
        raise InvalidRequest("PPOConfig: 'report_to' must be \"none\" or a list of names, got %r" % (report_to,))
    if "project" in config and not isinstance(config["project"], str):
        raise InvalidRequest("PPOConfig: 'project' must be a string, got %r" % (config["project"],))
    if config.get("save_strategy", "steps") not in ("no", "steps", "epoch"):
        raise InvalidRequest("PPOConfig: 'save_strategy' must be no, steps or epoch, got %r" % (config["save_strategy"],))
    _int(config, "save_steps", 500, 1)
    mini_batches = _int(config, "num_mini_batches", 1, 1)
    local = _int(config, "per_device_train_batch_size", 8, 1) * _int(config, "gradient_accumulation_steps", 1, 1)
    if local % mini_batches:
        raise InvalidRequest("PPOConfig: `local_batch_size` (per_device_train_batch_size x gradient_accumulation_steps"
                             " = %d) must be a multiple of `num_mini_batches` (%d)" % (local, mini_batches))
    if "total_episodes" in config:
        episodes = _int(config, "total_episodes", 1, 1)
    else:
        episodes = _int(config, "num_train_epochs", 3, 1) * dataset_size
    return TrainerArgs(
        learning_rate=_number(config, "learning_rate", 3e-6, False),
        seed=_int(config, "seed", 42, 0),
        rollout_batch_size=local,
        mini_batches=mini_batches,
        ppo_epochs=_int(config, "num_ppo_epochs", 4, 1),
        kl_coef=_number(config, "kl_coef", 0.05, True),
        response_length=_int(config, "response_length", 53, 1),
        temperature=_number(config, "temperature", 0.7, False),
        updates=-(-episodes // local),
    )


TinySetup = namedtuple("TinySetup", list(TrainerArgs._fields) + ["learning_rate_scale", "prompts", "device"])


def derive(setup):
    """The run a tiny engine trains: ``setup``'s PPOConfig kwargs derived as TRL would, plus its prompts."""
    args = trainer_args(setup.ppo_config, len(setup.prompts))
    return TinySetup(learning_rate_scale=setup.learning_rate_scale, prompts=setup.prompts, device=setup.device,
                     **args._asdict())


def tiny_report(setup, derived):
    """What a tiny engine reports it was set up with: the kwargs as received, the padded prompts, the plan."""
    tokenizer = WordTokenizer(**setup.tokenizer_kwargs)
    report = {"padding_side": tokenizer.padding_side}
    report.update(tokenizer(setup.prompts))
    return {"ppo_config": dict(setup.ppo_config), "tokenizer": report, "updates_planned": derived.updates}
