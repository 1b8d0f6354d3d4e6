"""The bridge's wall-clock guard: a request that runs too long is answered with a timeout error."""

import json
import os
import time
import unittest
from unittest import mock

import bridge_sources  # noqa: F401  (sys.path)
from flowmesh_bridge.protocol import serve


def slow(params):
    time.sleep(params.get("seconds", 5))
    return {"slept": True}


class RequestGuardTest(unittest.TestCase):

    def serve(self, requests):
        replies = []
        serve([json.dumps(r) for r in requests], replies.append, {"test.slow": slow})
        return [json.loads(r) for r in replies]

    def test_a_request_past_the_limit_is_answered_with_a_timeout_and_the_loop_goes_on(self):
        with mock.patch.dict(os.environ, {"FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S": "0.3"}):
            started = time.monotonic()
            replies = self.serve([{"id": 1, "method": "test.slow", "params": {"seconds": 30}},
                                  {"id": 2, "method": "test.slow", "params": {"seconds": 0}}])
            elapsed = time.monotonic() - started
        self.assertEqual(replies[0]["error"]["type"], "timeout")
        self.assertEqual(replies[0]["error"]["message"],
                         "test.slow ran past the bridge's 0.3 s request limit (FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S)")
        self.assertEqual(replies[1], {"id": 2, "result": {"slept": True}}, "the next request is served")
        self.assertLess(elapsed, 10, "interrupted, not slept through")

    def test_without_the_variable_there_is_no_limit(self):
        with mock.patch.dict(os.environ, {"FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S": ""}):
            replies = self.serve([{"id": 1, "method": "test.slow", "params": {"seconds": 0.2}}])
        self.assertEqual(replies, [{"id": 1, "result": {"slept": True}}])


if __name__ == "__main__":
    unittest.main()
