#!/bin/bash
# Soak: two gateway nodes on one PostgreSQL schema (same master key, own spools) take a steady
# load of mixed mail (plain, sensitive -> secure portal, with an attachment), split evenly,
# for DURATION seconds. Every 10 s each node's heap in use and live threads are read from
# /metrics. At the end: throughput, p50/p99 SMTP transaction time, error replies, the heap and
# thread series with a linear trend, and the accounting (lost must be 0).
#
#   bench/cluster/soak.sh [DURATION_SECONDS] [RATE_MSG_PER_S]      defaults: 600 20
#
# Needs PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust) and
# gateway/target/gateway.jar (mvn -B -q -DskipTests package). CI does not run it.
set -euo pipefail
DURATION=${1:-600}
RATE=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/mailgate-soak.XXXXXX)
source "$root/bench/faults/lib.sh"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
SMTP1=27201 WEB1=27202 SMTP2=27203 WEB2=27204 SINK=27205

cleanup() { stop_pid "${gw1_pid:-}"; stop_pid "${gw2_pid:-}"; stop_pid "${sink_pid:-}"; stop_pid "${sampler_pid:-}"; }
trap cleanup EXIT

for p in $SMTP1 $WEB1 $SMTP2 $WEB2 $SINK; do port_free $p; done
url=$(fresh_schema)
key=$(openssl rand -base64 32)
gateway_yaml "$work/gw1.yaml" $SMTP1 $WEB1 "$work/node1" "$url" "$key" 127.0.0.1:$SINK "$work/internal"
gateway_yaml "$work/gw2.yaml" $SMTP2 $WEB2 "$work/node2" "$url" "$key" 127.0.0.1:$SINK "$work/internal"
start_sink sink $SINK "$work/external"
start_gateway gw1 "$work/gw1.yaml" $SMTP1
start_gateway gw2 "$work/gw2.yaml" $SMTP2

sample() { # node web_port
    { curl -s -m 5 "http://127.0.0.1:$2/metrics" || true; } | awk -v node="$1" -v t="$(date +%s)" '
        /^jvm_memory_used_bytes\{area="heap"/ { heap += $NF }
        /^jvm_memory_used_bytes\{area="heap".*G1 Old Gen/ { old += $NF }
        /^jvm_threads_live_threads/ { threads = $NF }
        END { if (threads) printf "%s\t%s\t%.1f\t%.1f\t%d\n", t, node, heap / 1048576, old / 1048576, threads }'
}
( while true; do sample node1 $WEB1; sample node2 $WEB2; sleep 10; done ) > "$work/samples.tsv" 2>/dev/null &
sampler_pid=$!

echo "soak: 2 nodes, $RATE msg/s for ${DURATION}s, mix plain/sensitive/attachment, $(nproc) cores, $(date -u +%FT%TZ)"
acct send --targets 127.0.0.1:$SMTP1,127.0.0.1:$SMTP2 --count $((DURATION * RATE)) --rate "$RATE" \
    --threads 8 --prefix soak --out "$work/sent.tsv"
sleep 10
drain $WEB1 300; drain $WEB2 300
stop_pid "$sampler_pid"; sampler_pid=
sample node1 $WEB1 >> "$work/samples.tsv"; sample node2 $WEB2 >> "$work/samples.tsv"

echo "heap (MiB in use, all heap pools / G1 old gen) and live threads, every 10 s:"
for node in node1 node2; do
    awk -v node=$node '$2 == node { n++; t[n] = $1; h[n] = $3; o[n] = $4; th[n] = $5 }
        END {
            m = int((n + 1) / 2)
            for (i = 1; i <= n; i++) { x = (t[i] - t[1]) / 60; sx += x; sy += o[i]; sxx += x * x; sxy += x * o[i]; sz += th[i]; sxz += x * th[i] }
            d = n * sxx - sx * sx
            printf "  %s: samples=%d heap start/middle/end=%.0f/%.0f/%.0f old_gen start/middle/end=%.0f/%.0f/%.0f trend=%+.2f MiB/min threads start/middle/end=%d/%d/%d trend=%+.2f/min\n",
                node, n, h[1], h[m], h[n], o[1], o[m], o[n], d ? (n * sxy - sx * sy) / d : 0, th[1], th[m], th[n], d ? (n * sxz - sx * sz) / d : 0
        }' "$work/samples.tsv"
done
echo "accounting:"
acct report --log "$work/sent.tsv" --external "$work/external" --internal "$work/internal"
echo "series: $work/samples.tsv   gateway logs: $work/gw1.log $work/gw2.log"
