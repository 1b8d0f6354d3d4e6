"""``vllm.load`` and ``vllm.generate`` against a stand-in for vLLM: what reaches ``LLM`` and ``SamplingParams``."""

import importlib.machinery
import sys
import tempfile
import types
import unittest
from unittest import mock

import bridge_sources  # noqa: F401  (sys.path)
import flowmesh_bridge
from flowmesh_bridge.errors import InvalidRequest
from flowmesh_bridge.tiny_model import generate
from flowmesh_bridge.vllm_handler import VllmHandler


def fake_vllm(received):
    module = types.ModuleType("vllm")
    module.__spec__ = importlib.machinery.ModuleSpec("vllm", None)

    class SamplingParams:
        def __init__(self, **kwargs):
            if "bogus" in kwargs:
                raise TypeError("unexpected keyword argument 'bogus'")
            self.kwargs = kwargs

    class LLM:
        def __init__(self, model, **kwargs):
            received.setdefault("llm", []).append(dict(kwargs, model=model))
            config = types.SimpleNamespace(revision=kwargs.get("revision"),
                                           tokenizer_revision=kwargs.get("tokenizer_revision"),
                                           hf_config=types.SimpleNamespace())
            self.llm_engine = types.SimpleNamespace(model_config=config)

        def generate(self, prompts, params):
            received.setdefault("sampling", []).append(params.kwargs)
            completion = types.SimpleNamespace(index=0, text="ok", token_ids=(5, 6), finish_reason="length",
                                               stop_reason=None)
            return [types.SimpleNamespace(prompt=p, prompt_token_ids=(1, 2), outputs=[completion]) for p in prompts]

    module.LLM = LLM
    module.SamplingParams = SamplingParams
    return module


class VllmHandlerTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cache = self.tmp.name
        self.revisions = generate(self.cache, "flowmesh/tiny-llm", weights="none")["revisions"]
        # As the Java launcher starts the bridge: offline on this cache from the start.
        launched = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_CACHE": self.cache}
        patcher = mock.patch.dict(flowmesh_bridge.ENVIRONMENT_AT_IMPORT, launched)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_bridge_not_launched_offline_on_the_cache_refuses_to_start_vllm(self):
        received = {}
        for missing in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE"):
            with mock.patch.dict(sys.modules, {"vllm": fake_vllm(received)}), \
                    mock.patch.dict(flowmesh_bridge.ENVIRONMENT_AT_IMPORT, {missing: None}):
                with self.assertRaises(InvalidRequest, msg=missing) as caught:
                    VllmHandler().load({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "engine": "vllm"})
            self.assertIn("%s=" % missing, str(caught.exception))
            self.assertIn("launch environment", str(caught.exception))
            self.assertEqual(caught.exception.field, "hub_cache")
        self.assertNotIn("llm", received, "vLLM was never started")

    def tearDown(self):
        self.tmp.cleanup()

    def test_every_engine_kwarg_reaches_llm_and_sampling_reaches_sampling_params(self):
        received = {}
        with mock.patch.dict(sys.modules, {"vllm": fake_vllm(received)}):
            handler = VllmHandler()
            loaded = handler.load({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "revision": "v1",
                                   "engine": "vllm", "engine_kwargs": {"tensor_parallel_size": 2, "dtype": "half"}})
            out = handler.generate({"engine_id": loaded["engine_id"], "prompts": ["a", "b"],
                                    "sampling": {"temperature": 0.0, "max_tokens": 3, "presence_penalty": 0.5}})

        llm = received["llm"][0]
        self.assertEqual((llm["tensor_parallel_size"], llm["dtype"], llm["revision"]), (2, "half", "v1"))
        self.assertEqual(loaded["commit"], self.revisions["v1"])
        self.assertEqual(loaded["tokenizer_commit"], self.revisions["v1"])
        self.assertEqual(received["sampling"][-1], {"temperature": 0.0, "max_tokens": 3, "presence_penalty": 0.5})
        self.assertEqual([o["prompt"] for o in out["outputs"]], ["a", "b"])
        self.assertEqual(out["outputs"][0]["outputs"][0],
                         {"index": 0, "text": "ok", "token_ids": [5, 6], "finish_reason": "length", "stop_reason": None})

    def test_sampling_params_vllm_refuses_are_an_error_not_a_crash(self):
        from flowmesh_bridge.errors import InvalidRequest
        with mock.patch.dict(sys.modules, {"vllm": fake_vllm({})}):
            handler = VllmHandler()
            loaded = handler.load({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "engine": "vllm"})
            with self.assertRaises(InvalidRequest):
                handler.generate({"engine_id": loaded["engine_id"], "prompts": ["a"], "sampling": {"bogus": 1}})


if __name__ == "__main__":
    unittest.main()
