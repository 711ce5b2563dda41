#!/usr/bin/env bash
# measure.sh URL [CLIENTS [DURATION]]: the figures of the reference service on the PostgreSQL database at URL
# (a throwaway one: it creates the service's tables in the first schema of its search_path and fills them).
#
# It builds billingd and billingload, starts billingd on a free loopback port with a CPU profile, runs billingload
# (16 clients, 10 s after 2 s of warm-up, POST /billing/customers of the docs' example), stops billingd with SIGINT,
# and prints billingload's figures, billingd's CPU time per request (user + system, from /proc, warm-up included)
# and the library's share of billingd's CPU samples: the samples whose stack holds a function of
# github.com/tallykit/billing outside its examples, over all samples of the profile.
set -euo pipefail
url=${1:?usage: measure.sh POSTGRES_URL [CLIENTS [DURATION]]}
clients=${2:-16}
duration=${3:-10s}
cd "$(dirname "$0")/../.." # examples/

tmp=$(mktemp -d "${TMPDIR:-/tmp}/billingload.XXXXXX")
go build -o "$tmp/billingd" ./cmd/billingd
go build -o "$tmp/billingload" ./cmd/billingload

: >"$tmp/billingd.log"
BILLINGD_DATABASE=$url "$tmp/billingd" -listen 127.0.0.1:0 -cpuprofile "$tmp/cpu.prof" 2>"$tmp/billingd.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
addr=
for _ in $(seq 100); do
	addr=$(sed -n 's/.*"msg":"listening","addr":"\([^"]*\)".*/\1/p' "$tmp/billingd.log")
	[ -n "$addr" ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/billingd.log" >&2; exit 1; }
	sleep 0.1
done
[ -n "$addr" ] || { echo "billingd did not start" >&2; exit 1; }

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
"$tmp/billingload" -url "http://$addr" -clients "$clients" -duration "$duration"
after=$(cpu)
kill -INT "$pid"
wait "$pid"
trap - EXIT

created=$(grep -c '"status":201' "$tmp/billingd.log" || true)
awk -v t="$((after - before))" -v hz="$ticks" -v n="$created" \
	'BEGIN { printf "billingd  %.1f s of CPU for %d requests: %.0f µs per request\n", t / hz, n, t / hz / n * 1e6 }'
total=$(go tool pprof -top "$tmp/billingd" "$tmp/cpu.prof" 2>/dev/null | sed -n 's/.*Total samples = \([0-9.]*m\?s\).*/\1/p')
library=$(go tool pprof -top \
	-focus='^github\.com/tallykit/billing(\.|/(account|contact|customer|ids|internal|metadata|money)[./])' \
	"$tmp/billingd" "$tmp/cpu.prof" 2>/dev/null | sed -n 's/^Showing nodes accounting for \([^,]*\), \([0-9.]*%\) of .*/\1 (\2)/p')
echo "library   ${library:-0s} of ${total} of billingd's CPU samples"
echo "profile   $tmp/cpu.prof (go tool pprof $tmp/billingd $tmp/cpu.prof)"
