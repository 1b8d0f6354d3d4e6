"""Revision resolution through the hub cache layout, on a generated two-revision tiny model."""

import os
import tempfile
import unittest

import bridge_sources  # noqa: F401  (sys.path)
from flowmesh_bridge import hf_cache
from flowmesh_bridge.errors import BridgeError
from flowmesh_bridge.tiny_model import generate
from flowmesh_bridge.vllm_handler import VllmHandler


class HfCacheTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cache = self.tmp.name
        self.model = generate(self.cache, "flowmesh/tiny-llm", weights="none")

    def tearDown(self):
        self.tmp.cleanup()

    def test_generator_writes_two_revisions_deterministically(self):
        revisions = self.model["revisions"]
        self.assertEqual(sorted(revisions), ["main", "v1"])
        self.assertNotEqual(revisions["main"], revisions["v1"])
        with tempfile.TemporaryDirectory() as other:
            self.assertEqual(generate(other, "flowmesh/tiny-llm", weights="none")["revisions"], revisions)
        self.assertTrue(os.path.isdir(os.path.join(self.cache, "models--flowmesh--tiny-llm", "snapshots")))

    def test_branch_tag_and_commit_resolve_to_their_snapshot(self):
        revisions = self.model["revisions"]
        for revision, marker in (("v1", "v1"), ("main", "v2"), (revisions["v1"], "v1")):
            commit, snapshot = hf_cache.resolve(self.cache, "flowmesh/tiny-llm", revision)
            self.assertEqual(os.path.basename(snapshot), commit)
            self.assertEqual(hf_cache.read_config(snapshot)["flowmesh_revision_marker"], marker, revision)

    def test_unknown_revision_or_model_is_a_clear_error(self):
        for identifier, revision in (("flowmesh/tiny-llm", "v9"), ("flowmesh/other", "main"),
                                     ("flowmesh/tiny-llm", "0" * 40)):
            with self.assertRaises(BridgeError, msg=revision) as caught:
                hf_cache.resolve(self.cache, identifier, revision)
            self.assertEqual(caught.exception.kind, "not_found")

    def test_vllm_load_without_vllm_reports_the_commit_and_tokenizer_revision(self):
        load = VllmHandler().load
        reply = load({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "revision": "v1", "engine": "cache"})
        self.assertEqual(reply["commit"], self.model["revisions"]["v1"])
        self.assertEqual(reply["config_marker"], "v1")
        self.assertEqual(reply["tokenizer_revision"], "v1", "defaults to the revision")
        self.assertEqual(reply["tokenizer_commit"], self.model["revisions"]["v1"], "the tokenizer's commit")
        pinned = load({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "revision": "main",
                       "tokenizer_revision": "v1", "engine": "cache"})
        self.assertEqual(pinned["commit"], self.model["revisions"]["main"])
        self.assertEqual(pinned["tokenizer_revision"], "v1")
        self.assertEqual(pinned["tokenizer_commit"], self.model["revisions"]["v1"], "pinned elsewhere")


    def test_a_revision_that_does_not_resolve_names_its_field(self):
        load = VllmHandler().load
        for params, field in (({"identifier": "flowmesh/other"}, "model"), ({"revision": "v9"}, "revision"),
                              ({"revision": "v1", "tokenizer_revision": "v9"}, "tokenizer_revision")):
            request = dict({"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "engine": "cache"}, **params)
            with self.assertRaises(BridgeError, msg=str(params)) as caught:
                load(request)
            self.assertEqual(caught.exception.field, field, str(params))

    def test_the_same_load_twice_returns_the_same_engine_and_generation_needs_vllm(self):
        handler = VllmHandler()
        request = {"hub_cache": self.cache, "identifier": "flowmesh/tiny-llm", "revision": "v1", "engine": "cache"}
        first, again = handler.load(request), handler.load(request)
        other = handler.load(dict(request, revision="main"))
        self.assertEqual((first["reused"], again["reused"], other["reused"]), (False, True, False))
        self.assertEqual(again["engine_id"], first["engine_id"])
        self.assertNotEqual(other["engine_id"], first["engine_id"])
        with self.assertRaises(BridgeError) as caught:
            handler.generate({"engine_id": first["engine_id"], "prompts": ["a"]})
        self.assertEqual(caught.exception.kind, "module_missing")


if __name__ == "__main__":
    unittest.main()
