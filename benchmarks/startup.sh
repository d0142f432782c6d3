#!/usr/bin/env bash
# Start-up of the CLI: times `LAUNCHER --help` and `LAUNCHER plugins`, each N times (default 15)
# with the launchers alternated, and prints each one's median and range in milliseconds.
# Usage: benchmarks/startup.sh [-n N] LAUNCHER...   e.g. benchmarks/startup.sh ./toolkit
set -euo pipefail
n=15
if [ "${1:-}" = -n ]; then
  n=$2
  shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [-n N] LAUNCHER..." >&2; exit 2; }
millis() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
declare -A times
for launcher in "$@"; do
  "$launcher" --version >/dev/null # a first launch may build or make its archive: not timed
done
for _ in $(seq "$n"); do
  for launcher in "$@"; do
    for command in --help plugins; do
      times["$launcher $command"]+="$(millis "$launcher" "$command") "
    done
  done
done
for launcher in "$@"; do
  for command in --help plugins; do
    sorted=($(tr ' ' '\n' <<<"${times["$launcher $command"]}" | grep . | sort -n))
    echo "$launcher $command: median ${sorted[$((n / 2))]} ms (min ${sorted[0]}, max ${sorted[$((n - 1))]}, n $n)"
  done
done
