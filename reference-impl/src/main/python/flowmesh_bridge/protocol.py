"""The JSON-lines loop: read a request, dispatch it, write exactly one reply line.

Engines (torch, vLLM) print to stdout from Python and C code alike; that would corrupt the protocol.
So the loop keeps a private duplicate of the original stdout for replies and points file descriptor 1
at stderr before any handler runs.

A stalled engine must not hang its caller: with ``FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S`` set (the Java
launcher sets it a little under its own reply timeout), a request still running after that many seconds
of wall-clock time is interrupted and answered with an error of type ``timeout``. The guard is a
SIGALRM timer, so it interrupts Python code (and waits such as TRL's worker queue), not a C call in
progress; the Java side's reply timeout, which ends the process, covers that case.
"""

import json
import os
import signal
import sys
import traceback

from .errors import BridgeError, InvalidRequest, RequestTimeout
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
        with _guard(method):
            return {"id": request_id, "result": handlers[method](params)}
    except BridgeError as e:
        error = {"type": e.kind, "message": str(e)}
        if e.field is not None:
            error["field"] = e.field
        return {"id": request_id, "error": error}
    except Exception as e:  # an engine bug: report it, keep serving
        traceback.print_exc(file=sys.stderr)
        return {"id": request_id, "error": {"type": "internal_error", "message": "%s: %s" % (type(e).__name__, e)}}


def request_timeout():
    """The guard's limit in seconds from ``FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S``, or None when unset."""
    raw = os.environ.get("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S")
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        raise SystemExit("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S must be a number of seconds, got %r" % raw)
    return seconds if seconds > 0 else None


class _guard:
    """Interrupts the request after ``request_timeout()`` seconds, where a timer can be armed."""

    def __init__(self, method):
        self.method = method
        self.seconds = request_timeout()
        self.armed = False

    def _expired(self, signum, frame):
        raise RequestTimeout("%s ran past the bridge's %g s request limit (FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S)"
                             % (self.method, self.seconds))

    def __enter__(self):
        # Timers exist on POSIX only, and signal handlers can be set on the main thread only.
        if self.seconds and hasattr(signal, "setitimer") and _on_main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def _on_main_thread():
    import threading
    return threading.current_thread() is threading.main_thread()


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
