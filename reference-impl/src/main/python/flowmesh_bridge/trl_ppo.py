"""Best effort: TRL 0.23's PPOTrainer, stepped one update at a time over the bridge.

TRL's loop runs all updates inside ``train()`` and never checks ``should_training_stop``. To let the
caller decide after every update, ``train()`` runs on a worker thread and a callback pauses it each
time TRL logs an update's metrics (``objective/kl`` among them): the metrics go to the caller, and the
loop resumes on the next ``ppo.update`` or ends (by an exception raised inside the callback) on
``ppo.close``. The policy, reference, value and reward models are loaded from a local model folder
(``model_dir``, e.g. one written by ``tiny_model``); nothing is downloaded. The caller's PPOConfig
kwargs go to ``PPOConfig(**kwargs)`` as they are (``report_to`` and ``project`` included) and its
tokenizer kwargs to ``AutoTokenizer.from_pretrained`` (``padding_side`` included); the report says
what they were and what the tokenizer produced. Isolated here because it depends on TRL internals
that change between releases. Targets TRL 0.23 (see docs/gpu-runners.md).

Too few prompts are refused, not padded: TRL 0.23's dataloader draws batches of ``local_batch_size =
per_device_train_batch_size * gradient_accumulation_steps`` prompts with ``drop_last=True`` and
``train()`` repeats it forever, so with fewer prompts than one batch it never yields and training spins
without end. Repeating the prompts to fill a batch would train on a dataset the template did not
write, so the bridge refuses with an error naming the fields instead.

The ``objective/kl`` TRL logs (``kl_estimator="k1"``, its default, which the bridge never changes) is
the KL every engine reports and FlowMesh's early stop compares.
"""

import hashlib
import os
import queue
import shutil
import tempfile
import threading

from .errors import BridgeError, InvalidRequest

# How long one update may take before the caller is told TRL stalled; the bridge's request guard
# (FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S) usually answers first.
TIMEOUT_SECONDS = float(os.environ.get("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S") or 600)


def check_enough_prompts(prompt_count, per_device_train_batch_size, gradient_accumulation_steps, world_size=1):
    """Refuses a dataset smaller than one of TRL's ``drop_last`` batches, on which ``train()`` would spin."""
    local_batch_size = per_device_train_batch_size * gradient_accumulation_steps
    if prompt_count < local_batch_size:
        raise InvalidRequest(
            "TRL's PPOTrainer needs at least local_batch_size = per_device_train_batch_size (%d) x "
            "gradient_accumulation_steps (%d) = %d prompts per process (its dataloader drops incomplete batches, "
            "so with %d prompts train() would wait forever): give data/prompts at least %d prompts, or lower "
            "training/batch_size or training/gradient_accumulation_steps"
            % (per_device_train_batch_size, gradient_accumulation_steps, local_batch_size, prompt_count,
               local_batch_size), field="prompts")
    return local_batch_size


# What the bridge itself needs of TRL's loop: its own scratch folder, one log per update (the pause
# point), no sample generations. Everything else is the caller's PPOConfig kwargs, passed as they are.
BRIDGE_KWARGS = {"num_sample_generations": 0, "logging_steps": 1}


def trl_kwargs(setup, output_dir):
    """``PPOConfig(**...)``: the caller's kwargs as they are, plus the bridge's own, which they must not name."""
    clash = sorted(set(setup.ppo_config) & (set(BRIDGE_KWARGS) | {"output_dir"}))
    if clash:
        raise BridgeError("PPOConfig kwarg '%s' is set by the bridge itself" % clash[0], kind="invalid_request")
    kwargs = dict(setup.ppo_config)
    kwargs.update(BRIDGE_KWARGS)
    kwargs["output_dir"] = output_dir
    return kwargs


class _StopRun(Exception):
    """Raised inside TRL's loop to end a run the caller stopped."""


class TrlPpoSession:
    engine = "trl"

    def __init__(self, setup):
        import torch
        from datasets import Dataset
        from transformers import (AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer,
                                  TrainerCallback)
        from trl import PPOConfig, PPOTrainer

        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        if self.device == "cuda" and not os.environ.get("CUBLAS_WORKSPACE_CONFIG"):
            raise InvalidRequest("TRL on CUDA needs CUBLAS_WORKSPACE_CONFIG=:4096:8 in the bridge's launch environment "
                                 "(deterministic cuBLAS); the Java launcher sets it")
        # Deterministic kernels as in the torch engine (TRL seeds from PPOConfig.seed itself). warn_only:
        # TRL's and transformers' code paths use kernels without a deterministic CUDA version, which
        # must not abort a run; torch names each one in a warning on stderr.
        torch.use_deterministic_algorithms(True, warn_only=True)
        self.setup = setup
        self.events = queue.Queue()
        self.resume = threading.Semaphore(0)
        self.stopping = False
        self.updates_run = 0
        # TRL's output folder lives as long as the session: removed when it closes, or at once when the
        # session cannot start.
        self.output_dir = tempfile.mkdtemp(prefix="flowmesh-trl-ppo-")
        try:
            tokenizer = AutoTokenizer.from_pretrained(setup.model_dir, **setup.tokenizer_kwargs)
            self.policy = AutoModelForCausalLM.from_pretrained(setup.model_dir)
            reference = AutoModelForCausalLM.from_pretrained(setup.model_dir)
            reward = AutoModelForSequenceClassification.from_pretrained(setup.model_dir, num_labels=1)
            value = AutoModelForSequenceClassification.from_pretrained(setup.model_dir, num_labels=1)
            dataset = Dataset.from_dict({"input_ids": [tokenizer(p)["input_ids"] for p in setup.prompts]})
            batch = tokenizer(list(setup.prompts), padding=True)
            args = PPOConfig(**trl_kwargs(setup, self.output_dir))
            check_enough_prompts(len(setup.prompts), args.per_device_train_batch_size, args.gradient_accumulation_steps)
            session = self

            class Pause(TrainerCallback):
                def on_log(self, args, state, control, logs=None, **kwargs):
                    if logs and "objective/kl" in logs:
                        session.events.put(("metrics", dict(logs)))
                        session.resume.acquire()
                        if session.stopping:
                            raise _StopRun()

            self.trainer = PPOTrainer(args=args, processing_class=tokenizer, model=self.policy, ref_model=reference,
                                      reward_model=reward, train_dataset=dataset, value_model=value,
                                      callbacks=[Pause()])
            self.thread = None
            self.report = {
                "ppo_config": dict(setup.ppo_config),
                "tokenizer": {"padding_side": tokenizer.padding_side,
                              "input_ids": [list(r) for r in batch["input_ids"]],
                              "attention_mask": [list(r) for r in batch["attention_mask"]]},
                "updates_planned": int(self.trainer.args.num_total_batches),
            }
        except BaseException:
            shutil.rmtree(self.output_dir, ignore_errors=True)
            raise

    def _train(self):
        try:
            self.trainer.train()
            self.events.put(("done", None))
        except _StopRun:
            self.events.put(("stopped", None))
        except Exception as e:  # reported to the caller on its next update
            self.events.put(("error", e))

    def update(self):
        if self.thread is None:
            self.thread = threading.Thread(target=self._train, name="trl-ppo", daemon=True)
            self.thread.start()
        else:
            self.resume.release()
        try:
            kind, item = self.events.get(timeout=TIMEOUT_SECONDS)
        except queue.Empty:
            raise BridgeError("TRL produced no update within %d s" % TIMEOUT_SECONDS)
        if kind == "error":
            raise BridgeError("TRL's PPO loop failed: %s: %s" % (type(item).__name__, item))
        if kind != "metrics":
            raise BridgeError("TRL's PPO loop ended after %d updates" % self.updates_run)
        metrics = {
            "update": self.updates_run, "kl": float(item["objective/kl"]),
            "mean_reward": float(item.get("objective/scores", 0.0)),
            "policy_loss": float(item.get("loss/policy_avg", 0.0)),
            "value_loss": float(item.get("loss/value_avg", 0.0)),
            "entropy": float(item.get("objective/entropy", 0.0)),
        }
        self.updates_run += 1
        return metrics

    def save(self):
        self.trainer.save_model(self.output_dir)
        digest = hashlib.sha256()
        for name, tensor in self.policy.state_dict().items():
            digest.update(name.encode())
            digest.update(tensor.detach().to("cpu").float().contiguous().numpy().tobytes())
        return {"checksum": "sha256:" + digest.hexdigest(), "updates_trained": self.updates_run}

    def close(self):
        if self.thread is not None and self.thread.is_alive():
            self.stopping = True
            self.resume.release()
            self.thread.join(timeout=60)
        shutil.rmtree(self.output_dir, ignore_errors=True)
