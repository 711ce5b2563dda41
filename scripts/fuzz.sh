#!/usr/bin/env bash
# Runs every fuzz target of the module for TIME each (default 1m), one after another,
# and prints one line per target: package, target, time, verdict.
# Usage: scripts/fuzz.sh [TIME] [PARALLEL]     e.g. scripts/fuzz.sh 10m 2
# A failing target stops the run; its crasher is left under the package's testdata/fuzz/
# to be committed as a regression seed once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-1m}
parallel=${2:-2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for file in $(git ls-files '*_test.go'); do
	pkg="./$(dirname "$file")"
	for target in $(grep -oE '^func Fuzz[A-Za-z0-9_]+' "$file" | cut -d' ' -f2); do
		start=$(date +%s)
		if go test -run='^$' -fuzz="^${target}\$" -fuzztime="$time" -parallel="$parallel" "$pkg" >"$log" 2>&1; then
			verdict=ok
		else
			verdict=FAIL
		fi
		execs=$(grep -oE 'execs: [0-9]+' "$log" | tail -1 | cut -d' ' -f2 || true)
		printf '%-28s %-30s %5ss  %s  execs=%s\n' "$pkg" "$target" "$(( $(date +%s) - start ))" "$verdict" "${execs:-?}"
		if [ "$verdict" = FAIL ]; then
			cat "$log"
			exit 1
		fi
	done
done
