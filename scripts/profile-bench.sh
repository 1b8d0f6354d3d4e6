#!/usr/bin/env bash
# Profiles the bench's audits with the JIT settled: JFR from the JVM's start (starting a recording later
# deoptimises the compiled code it should measure), sampling every 2 ms, then the breakdown of only the
# samples taken between the bench's warm-up line and its scaling line: the probe cost's and the audits'
# rounds. Usage: scripts/profile-bench.sh [OUT_DIR] [bench options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
shift || true
mkdir -p "$out"
"$root/scripts/jfr-settings.sh" "2 ms" "$out/profile-2ms.jfc"
# An empty FLOWMESH_CONFORMANCE_JAVA_OPTS would mean the full JIT too; the JFR options keep it so.
FLOWMESH_CONFORMANCE_JAVA_OPTS="-XX:StartFlightRecording=filename=$out/bench.jfr,settings=$out/profile-2ms.jfc -XX:FlightRecorderOptions=stackdepth=128" \
  "$root/flowmesh-conformance" bench --no-fresh-jvm --sweep 0 "$@" > "$out/bench.txt" &
bench=$!
trap 'kill "$bench" 2>/dev/null' INT TERM
stamp() { while kill -0 "$bench" 2>/dev/null && ! grep -q "^$1" "$out/bench.txt"; do sleep 0.2; done; date -u +%Y-%m-%dT%H:%M:%S; }
from="$(stamp warm-up)"
to="$(stamp scaling)"
wait "$bench"
jfr print --json --events jdk.ExecutionSample --stack-depth 128 "$out/bench.jfr" > "$out/samples.json"
grep -v '^\[' "$out/bench.txt" >&2
python3 "$root/scripts/profile_breakdown.py" --between "$from" "$to" "$out/samples.json"
