#!/usr/bin/env bash
# Profiles one audit of the bundled templates (--jobs 1) with JFR, sampling every millisecond (the JDK's
# "profile" settings sample every 10 to 20 ms, too coarse for a few seconds of work), and prints where the
# time goes (scripts/profile_breakdown.py). Usage: scripts/profile-audit.sh [OUT_DIR] [audit options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
shift || true
mkdir -p "$out"
"$root/scripts/jfr-settings.sh" "1 ms" "$out/profile-1ms.jfc"
# C1 only, as the launcher runs an audit (any FLOWMESH_CONFORMANCE_JAVA_OPTS replaces its own options).
FLOWMESH_CONFORMANCE_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:StartFlightRecording=filename=$out/audit.jfr,settings=$out/profile-1ms.jfc -XX:FlightRecorderOptions=stackdepth=128" \
  "$root/flowmesh-conformance" audit --quiet --jobs 1 "$@" > "$out/report.txt" || true
jfr print --json --events jdk.ExecutionSample --stack-depth 128 "$out/audit.jfr" > "$out/samples.json"
echo "profile: $out/audit.jfr, $(tail -1 "$out/report.txt")" >&2
python3 "$root/scripts/profile_breakdown.py" "$out/samples.json"
