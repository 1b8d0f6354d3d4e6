#!/usr/bin/env bash
# The one device check for a machine with an NVIDIA GPU and torch (a JDK is not needed): the bridge's
# torch PPO on CUDA stopped by FlowMesh's rule, a determinism rerun, and vLLM loading two revisions of a
# generated tiny model where vLLM is importable. One summary line; exit 0 only when everything passed.
#   scripts/gpu-check.sh                 # on the GPU machine
#   DEVICE=cpu scripts/gpu-check.sh      # the same PPO checks on CPU (vLLM skipped); the build runs this
#   GPU_CHECK_REPORT=/tmp/gpu-check.json scripts/gpu-check.sh   # details as JSON
# PYTHON picks the interpreter; by default python3, else /usr/bin/python3 (Debian's python3-torch).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit="${GPU_CHECK_TIMEOUT_S:-290}"

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c "import torch" >/dev/null 2>&1; then python="$candidate"; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "gpu-check FAIL (no Python imports torch: set PYTHON, or apt-get install python3-torch)"
  exit 1
fi

PYTHONPATH="reference-impl/src/main/python${PYTHONPATH:+:$PYTHONPATH}" timeout "$limit" "$python" scripts/gpu_check.py
status=$?
if [ "$status" -eq 124 ]; then
  echo "gpu-check FAIL (timed out after ${limit} s)"
fi
exit "$status"
