#!/usr/bin/env bash
# Writes the JDK's "profile" JFR settings with execution samples every PERIOD (the JDK samples every 10 to
# 20 ms, too coarse for seconds of work) to OUT. Usage: scripts/jfr-settings.sh PERIOD OUT, e.g. "1 ms".
set -euo pipefail
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
python3 - "$java_home/lib/jfr/profile.jfc" "$2" "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'(<event name="jdk.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*(</setting>)',
              lambda m: m.group(1) + sys.argv[3] + m.group(2), text, count=1, flags=re.S)
open(sys.argv[2], "w").write(text)
PY
