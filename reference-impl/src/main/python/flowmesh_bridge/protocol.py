"""The JSON-lines loop: read a request, dispatch it, write exactly one reply line.

Engines (torch, vLLM) print to stdout from Python and C code alike; that would corrupt the protocol.
So the loop keeps a private duplicate of the original stdout for replies and points file descriptor 1
at stderr before any handler runs.
"""

import json
import os
import sys
import traceback

from .errors import BridgeError, InvalidRequest
from .capabilities import hello
from .ppo_handler import PpoHandler
from .vllm_handler import VllmHandler
from .tiny_model import handle as tiny_model_generate


def build_handlers():
    """Method name -> callable(params) -> result dict."""
    ppo = PpoHandler()
    vllm = VllmHandler()
    return {
        "bridge.hello": hello,
        "ppo.open": ppo.open,
        "ppo.update": ppo.update,
        "ppo.save": ppo.save,
        "ppo.close": ppo.close,
        "vllm.load": vllm.load,
        "vllm.generate": vllm.generate,
        "tiny_model.generate": tiny_model_generate,
    }


def handle_line(line, handlers):
    """Turns one request line into one reply dict; never raises."""
    request_id = None
    try:
        try:
            request = json.loads(line)
        except ValueError as e:
            raise InvalidRequest("not a JSON object: %s" % e)
        if not isinstance(request, dict):
            raise InvalidRequest("a request must be a JSON object")
        request_id = request.get("id")
        method = request.get("method")
        params = request.get("params") or {}
        if not isinstance(params, dict):
            raise InvalidRequest("params must be a JSON object")
        if method not in handlers:
            raise InvalidRequest("unknown method '%s'" % method, kind="unknown_method")
        return {"id": request_id, "result": handlers[method](params)}
    except BridgeError as e:
        error = {"type": e.kind, "message": str(e)}
        if e.field is not None:
            error["field"] = e.field
        return {"id": request_id, "error": error}
    except Exception as e:  # an engine bug: report it, keep serving
        traceback.print_exc(file=sys.stderr)
        return {"id": request_id, "error": {"type": "internal_error", "message": "%s: %s" % (type(e).__name__, e)}}


def serve(lines, write, handlers=None):
    """Serves requests from an iterable of lines, writing each reply with ``write(str)``."""
    handlers = handlers if handlers is not None else build_handlers()
    for line in lines:
        if not line.strip():
            continue
        write(json.dumps(handle_line(line, handlers), sort_keys=True) + "\n")


def main():
    """Serves stdin/stdout until stdin closes."""
    reply_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    replies = os.fdopen(reply_fd, "w", encoding="utf-8", buffering=1)

    def write(text):
        replies.write(text)
        replies.flush()

    serve(sys.stdin, write)
