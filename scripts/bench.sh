#!/usr/bin/env bash
# Runs the comparison benchmarks of bench/ (the library against what users would
# write instead, in one go test run) and prints the README's performance tables.
#
# Usage: scripts/bench.sh [count] [benchtime]      defaults: 6 and 1s
set -euo pipefail
cd "$(dirname "$0")/../bench"

count=${1:-6}
benchtime=${2:-1s}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! go test -run='^$' -bench=. -count="$count" -benchtime="$benchtime" ./... >"$out" 2>&1; then
	cat "$out" >&2
	echo "bench.sh: the benchmarks failed" >&2
	exit 1
fi

cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores available ($(grep -c '^processor' /proc/cpuinfo 2>/dev/null || echo '?') in /proc/cpuinfo), $(uname -sm)"
echo "Go: $(go version | sed 's/^go version //')"
echo "Command: scripts/bench.sh $count $benchtime"
echo
go run ./cmd/benchtable <"$out"
