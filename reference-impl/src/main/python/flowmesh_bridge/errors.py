"""Errors a handler reports to the caller as a structured reply instead of a traceback."""


class BridgeError(Exception):
    """A request that cannot be served; ``kind`` is a stable, machine-readable word, ``field`` the
    request parameter the failure belongs to (e.g. ``revision``), or None when no single one does."""

    kind = "engine_error"

    def __init__(self, message, kind=None, field=None):
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        self.field = field


class InvalidRequest(BridgeError):
    """The request's method or parameters are wrong."""

    kind = "invalid_request"


class RequestTimeout(BridgeError):
    """A request ran past the bridge's wall-clock guard (``FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S``)."""

    kind = "timeout"


class ModuleMissing(BridgeError):
    """An engine the request asked for needs a Python module that is not installed."""

    kind = "module_missing"


def require_param(params, name, kind=None):
    """Returns ``params[name]``; a missing parameter is an InvalidRequest naming it."""
    if name not in params or params[name] is None:
        raise InvalidRequest("missing parameter '%s'" % name)
    value = params[name]
    if kind is not None and not isinstance(value, kind):
        raise InvalidRequest("parameter '%s' has the wrong type: %s" % (name, type(value).__name__))
    return value
