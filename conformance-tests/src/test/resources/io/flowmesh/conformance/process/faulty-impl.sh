#!/bin/sh
# A faulty implementation process for the kit's own tests, speaking just enough of the JSON-lines
# protocol (docs/process-protocol.md). Usage: sh faulty-impl.sh MODE STATE_DIR
# MODE names the one fault it commits; STATE_DIR receives pids and markers ("once" faults happen on
# the first run request only, across restarts).
mode="$1"
state="$2"
runs=0

describe='"name":"faulty","version":"1","capabilities":{"taskTypes":["echo"],"backends":["cpu"]}'
trace='[{"channel":"c","key":"k","value":1}]'

answer() { printf '{"id":%s,"result":{%s}}\n' "$1" "$2"; }
once() { [ ! -e "$state/$1" ] && : > "$state/$1"; }

echo "$$" >> "$state/pids"
case "$mode" in
  fork-child)
    sleep 300 &
    echo "$!" > "$state/child"
    ( sleep 300 & echo "$!" > "$state/grandchild" ) ;;
  ignore-eof)
    trap '' TERM INT HUP ;;
esac

while IFS= read -r line; do
  id=${line#*\"id\":}
  id=${id%%,*}
  case "$line" in
    *'"method":"describe"'*) method=describe ;;
    *'"method":"parse"'*) method=parse ;;
    *) method=run ;;
  esac
  if [ "$mode" = stderr-flood ]; then
    head -c 262144 /dev/zero | tr '\0' e >&2
    echo "request $id" >&2
  fi
  case "$method" in
    describe)
      if [ "$mode" = describe-hang ]; then sleep 300; fi
      answer "$id" "$describe"
      if [ "$mode" = deaf ]; then sleep 300; fi ;;
    parse)
      case "$mode:$line" in
        parse-error:*broken*) printf '{"id":%s,"error":{"message":"cannot parse this one"}}\n' "$id" ;;
        *) answer "$id" '"violations":[],"warnings":[]' ;;
      esac ;;
    run)
      runs=$((runs + 1))
      case "$mode" in
        hang-run) sleep 300 ;;
        hang-once) if once hung; then sleep 300; fi ;;
        stray-once) if once strayed; then echo "debug: starting the run"; fi ;;
        huge-line) head -c 200000 /dev/zero | tr '\0' a; echo ;;
        die-once) if once died; then echo "fatal: out of cheese" >&2; exit 3; fi ;;
        die-always) echo "fatal: run $runs" >&2; exit 3 ;;
        die-second) if [ "$runs" -eq 2 ]; then echo "fatal: second run" >&2; exit 3; fi ;;
        pair)
          # Answers only once another process is running a request too (at most 10 s): two answers prove
          # that two requests were in flight in two processes at once.
          : > "$state/running-$$"
          waited=0
          while [ "$(ls "$state" | grep -c '^running-')" -lt 2 ] && [ "$waited" -lt 100 ]; do
            sleep 0.1
            waited=$((waited + 1))
          done
          if [ "$waited" -ge 100 ]; then echo "alone" >&2; exit 4; fi ;;
        wrong-id) id=$((id + 100)) ;;
        not-json) echo "Traceback (most recent call last):"; continue ;;
        error-answer) printf '{"id":%s,"error":{"message":"no such task"}}\n' "$id"; continue ;;
        fat-trace)
          printf '{"id":%s,"result":{"status":"completed","trace":[{"channel":"c","key":"k","value":"' "$id"
          head -c 5242880 /dev/zero | tr '\0' v
          printf '"}],"warnings":[]}}\n'
          continue ;;
        big-number)
          zeros=$(printf '%01999d' 0)
          answer "$id" '"status":"completed","trace":[{"channel":"c","key":"k","value":1'"$zeros"'}],"warnings":[]'
          continue ;;
      esac
      answer "$id" '"status":"completed","trace":'"$trace"',"warnings":[]' ;;
  esac
done

if [ "$mode" = ignore-eof ]; then
  while :; do sleep 1; done
fi
