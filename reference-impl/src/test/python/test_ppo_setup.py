"""What the PPO engines receive and report: PPOConfig kwargs as they are, tokenizer kwargs applied."""

import os
import sys
import tempfile
import types
import unittest
from unittest import mock

import bridge_sources  # noqa: F401  (sys.path)
from flowmesh_bridge.errors import BridgeError, InvalidRequest
from flowmesh_bridge.ppo_config import trainer_args
from flowmesh_bridge.ppo_handler import parse_setup
from flowmesh_bridge.tiny_tokenizer import WordTokenizer
from flowmesh_bridge.trl_ppo import check_enough_prompts, trl_kwargs


def setup(ppo_config, tokenizer_kwargs=None, prompts=("The movie was", "I think the food was great", "Today")):
    return parse_setup({"policy_identifier": "tiny/policy", "prompts": list(prompts), "ppo_config": ppo_config,
                        "tokenizer_kwargs": tokenizer_kwargs or {}, "model_dir": "/models/tiny"})


class TrainerArgsTest(unittest.TestCase):

    def test_the_rollout_batch_and_updates_follow_trl(self):
        args = trainer_args({"per_device_train_batch_size": 4, "gradient_accumulation_steps": 2,
                             "num_mini_batches": 4, "total_episodes": 100}, dataset_size=5)
        self.assertEqual(args.rollout_batch_size, 8, "TRL 0.23: 4 x 2, no num_mini_batches factor")
        self.assertEqual(args.mini_batches, 4)
        self.assertEqual(args.updates, 13, "ceil(100 / 8)")

    def test_num_mini_batches_must_divide_the_rollout_batch(self):
        with self.assertRaises(InvalidRequest) as caught:
            trainer_args({"per_device_train_batch_size": 4, "num_mini_batches": 3}, dataset_size=5)
        self.assertIn("`local_batch_size` (per_device_train_batch_size x gradient_accumulation_steps = 4) must be a"
                      " multiple of `num_mini_batches` (3)", str(caught.exception))

    def test_trl_defaults_apply_to_absent_kwargs(self):
        args = trainer_args({}, dataset_size=9)
        self.assertEqual((args.learning_rate, args.seed, args.rollout_batch_size, args.ppo_epochs, args.kl_coef,
                          args.response_length, args.temperature), (3e-6, 42, 8, 4, 0.05, 53, 0.7))
        self.assertEqual(args.updates, 4, "ceil(3 epochs x 9 prompts / 8)")

    def test_an_unknown_kwarg_is_refused_as_ppo_config_would(self):
        with self.assertRaises(InvalidRequest) as caught:
            trainer_args({"target_kl": 0.1}, dataset_size=1)
        self.assertIn("unexpected keyword argument 'target_kl'", str(caught.exception))


class WordTokenizerTest(unittest.TestCase):

    def test_left_and_right_padding_put_the_pads_and_zeros_on_that_side(self):
        prompts = ["a b c", "a"]
        left = WordTokenizer(padding_side="left")(prompts)
        right = WordTokenizer(padding_side="right")(prompts)
        self.assertEqual(left["attention_mask"], [[1, 1, 1], [0, 0, 1]])
        self.assertEqual(right["attention_mask"], [[1, 1, 1], [1, 0, 0]])
        self.assertEqual(left["input_ids"][1][:2], [0, 0])
        self.assertEqual(right["input_ids"][1][1:], [0, 0])
        self.assertEqual(left["input_ids"][1][2], right["input_ids"][1][0], "the same token either side")

    def test_ids_match_the_java_cpu_tokenizer(self):
        import zlib
        self.assertEqual(WordTokenizer()(["movie"])["input_ids"], [[1 + zlib.crc32(b"movie") % 31999]])

    def test_only_left_and_right_and_no_other_setting(self):
        for kwargs in ({"padding_side": "middle"}, {"truncation_side": "left"}):
            with self.assertRaises(InvalidRequest, msg=str(kwargs)):
                WordTokenizer(**kwargs)


class TinyEngineReportTest(unittest.TestCase):

    def test_the_report_is_what_the_engine_received_and_produced(self):
        from flowmesh_bridge.tiny_ppo import TinyPpoSession
        config = {"per_device_train_batch_size": 2, "total_episodes": 6, "report_to": ["wandb", "tensorboard"],
                  "project": "demo", "kl_coef": 0.2}
        report = TinyPpoSession(setup(config, {"padding_side": "left"})).report
        self.assertEqual(report["ppo_config"], config, "report_to and project as passed, not hard-coded")
        self.assertEqual(report["tokenizer"]["padding_side"], "left")
        self.assertEqual(report["tokenizer"]["attention_mask"],
                         [[0, 0, 0, 1, 1, 1], [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1]])
        self.assertEqual(report["updates_planned"], 3, "ceil(6 / 2)")


class TrlKwargsTest(unittest.TestCase):

    def test_the_callers_kwargs_pass_through_with_the_bridges_own(self):
        config = {"report_to": ["wandb"], "project": "demo", "kl_coef": 0.05, "save_strategy": "no"}
        kwargs = trl_kwargs(setup(config), "/tmp/out")
        self.assertEqual({k: kwargs[k] for k in config}, config)
        self.assertEqual((kwargs["output_dir"], kwargs["logging_steps"], kwargs["num_sample_generations"]),
                         ("/tmp/out", 1, 0))

    def test_a_kwarg_the_bridge_owns_is_refused(self):
        with self.assertRaises(BridgeError):
            trl_kwargs(setup({"logging_steps": 5}), "/tmp/out")


class TrlDropLastTest(unittest.TestCase):
    """TRL 0.23 drops incomplete batches and repeats its dataloader forever: fewer prompts than one batch spin."""

    def test_fewer_prompts_than_one_batch_are_refused_naming_the_fields(self):
        with self.assertRaises(InvalidRequest) as caught:
            check_enough_prompts(3, per_device_train_batch_size=8, gradient_accumulation_steps=1)
        self.assertEqual(str(caught.exception),
                         "TRL's PPOTrainer needs at least local_batch_size = per_device_train_batch_size (8) x "
                         "gradient_accumulation_steps (1) = 8 prompts per process (its dataloader drops incomplete "
                         "batches, so with 3 prompts train() would wait forever): give data/prompts at least 8 "
                         "prompts, or lower training/batch_size or training/gradient_accumulation_steps")
        self.assertEqual(caught.exception.field, "prompts")

    def test_gradient_accumulation_counts_towards_the_batch(self):
        with self.assertRaises(InvalidRequest):
            check_enough_prompts(7, per_device_train_batch_size=4, gradient_accumulation_steps=2)
        self.assertEqual(check_enough_prompts(8, per_device_train_batch_size=4, gradient_accumulation_steps=2), 8)


class TrlSessionWiringTest(unittest.TestCase):
    """TrlPpoSession against stand-ins for torch, datasets, transformers and trl: what reaches them."""

    def test_ppo_config_and_tokenizer_receive_the_kwargs_and_the_report_says_so(self):
        received = {}

        class Tokenizer:
            def __init__(self, padding_side="right"):
                self.padding_side = padding_side
                self.words = WordTokenizer(padding_side=padding_side)

            def __call__(self, text, padding=False):
                batch = self.words([text] if isinstance(text, str) else text)
                return {"input_ids": batch["input_ids"][0] if isinstance(text, str) else batch["input_ids"],
                        "attention_mask": batch["attention_mask"]}

        def from_pretrained(model_dir, **kwargs):
            received["tokenizer"] = (model_dir, kwargs)
            return Tokenizer(**kwargs)

        class PPOConfig:
            def __init__(self, **kwargs):
                received["ppo_config"] = kwargs
                self.per_device_train_batch_size = kwargs.get("per_device_train_batch_size", 8)
                self.gradient_accumulation_steps = kwargs.get("gradient_accumulation_steps", 1)

        class PPOTrainer:
            def __init__(self, args, **kwargs):
                received["trainer"] = True
                self.args = types.SimpleNamespace(num_total_batches=7)

        model = types.SimpleNamespace(from_pretrained=lambda *a, **k: object())
        modules = {
            "torch": types.SimpleNamespace(cuda=types.SimpleNamespace(is_available=lambda: False),
                                           use_deterministic_algorithms=lambda mode, warn_only=False:
                                           received.setdefault("deterministic", (mode, warn_only))),
            "datasets": types.SimpleNamespace(Dataset=types.SimpleNamespace(from_dict=lambda d: d)),
            "transformers": types.SimpleNamespace(AutoModelForCausalLM=model, AutoModelForSequenceClassification=model,
                                                  AutoTokenizer=types.SimpleNamespace(from_pretrained=from_pretrained),
                                                  TrainerCallback=object),
            "trl": types.SimpleNamespace(PPOConfig=PPOConfig, PPOTrainer=PPOTrainer),
        }
        config = {"report_to": ["wandb"], "project": "demo", "kl_coef": 0.05, "per_device_train_batch_size": 2}
        made = []
        real_mkdtemp = tempfile.mkdtemp

        def recording_mkdtemp(**kwargs):
            made.append(real_mkdtemp(**kwargs))
            return made[-1]

        with mock.patch.dict(sys.modules, modules), mock.patch("tempfile.mkdtemp", recording_mkdtemp):
            from flowmesh_bridge.trl_ppo import TrlPpoSession
            session = TrlPpoSession(setup(config, {"padding_side": "right"}, prompts=("a b", "a")))
            tokenizer_received, config_received = received["tokenizer"], received["ppo_config"]
            received.pop("trainer")
            with self.assertRaises(InvalidRequest, msg="2 prompts, TRL's default batch of 8"):
                TrlPpoSession(setup({"kl_coef": 0.05}, prompts=("a b", "a")))
            self.assertNotIn("trainer", received, "refused before TRL's trainer exists")
        self.assertEqual(len(made), 2, "an output folder for each session")
        self.assertFalse(os.path.exists(made[1]), "the refused session's output folder is gone")
        self.assertTrue(os.path.isdir(made[0]), "the open session's output folder")
        session.close()
        self.assertFalse(os.path.exists(made[0]), "a closed session's output folder is gone")

        self.assertEqual(tokenizer_received, ("/models/tiny", {"padding_side": "right"}))
        self.assertEqual({k: config_received[k] for k in config}, config, "no report_to hard-coded")
        self.assertEqual(session.report["ppo_config"], config)
        self.assertEqual(session.report["tokenizer"]["padding_side"], "right")
        self.assertEqual(session.report["tokenizer"]["attention_mask"], [[1, 1], [1, 0]])
        self.assertEqual(session.report["updates_planned"], 7, "TRL's num_total_batches")
        self.assertEqual(received["deterministic"], (True, True), "deterministic kernels, warning where torch has none")


if __name__ == "__main__":
    unittest.main()
