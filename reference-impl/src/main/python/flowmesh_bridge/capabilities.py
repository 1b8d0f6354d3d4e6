"""What this Python can run: probes modules without importing heavy ones unless asked."""

import importlib
import importlib.util
import platform


def module_available(name):
    """Whether ``name`` can be imported (found on the path), without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def cuda_available():
    """Whether torch is importable and sees a CUDA device."""
    if not module_available("torch"):
        return False
    try:
        torch = importlib.import_module("torch")
        return bool(torch.cuda.is_available())
    except Exception:  # a broken torch install counts as no CUDA
        return False


def hello(params):
    """The ``bridge.hello`` reply: protocol, Python version and importable engines."""
    from . import ENVIRONMENT_AT_IMPORT, PROTOCOL_VERSION

    modules = {name: module_available(name) for name in ("torch", "transformers", "trl", "vllm")}
    return {
        "environment": dict(ENVIRONMENT_AT_IMPORT),
        "protocol": PROTOCOL_VERSION,
        "python": platform.python_version(),
        "modules": modules,
        "cuda": cuda_available() if params.get("probe_cuda", False) else None,
    }
