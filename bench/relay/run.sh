#!/bin/bash
# Relay throughput and latency: the gateway against a Postfix relay on the same machine, in the
# same run, all relaying to Postfix's smtp-sink. Every message goes to an external address.
# Two gateways run side by side: "protect" with the default policy.stage (every message is
# classified and the policy decides) and "relay" (policy.stage: relay, the relay alone).
# The three are measured in turn, ROUNDS times (default 3); medians and the spread are printed.
#
#   [ROUNDS=3] bench/relay/run.sh [MESSAGES] [CONCURRENCY] [SIZE_BYTES]      defaults: 5000 20 10240
#
# Needs root, Debian's postfix (smtp-source, smtp-sink) and gateway/target/gateway.jar
# (mvn -B -q -DskipTests package). Prints one line per measurement and the ratio.
set -euo pipefail

N=${1:-5000}
C=${2:-20}
SIZE=${3:-10240}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/gateway/target/gateway.jar
work=$(mktemp -d /tmp/mailgate-bench-relay.XXXXXX)
chmod 755 "$work"   # the postfix user must reach its queue inside
ROUNDS=${ROUNDS:-3}
SINK=27025 GW=27026 WEB=27027 PF=27028 GWR=27029 WEBR=27030
lab=/tmp/mailgate-bench-postfix   # fixed, so /etc/postfix/main.cf lists it once
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

cleanup() {
    [ -n "${gwpid:-}" ] && kill "$gwpid" 2>/dev/null && wait "$gwpid" 2>/dev/null || true
    [ -n "${gwrpid:-}" ] && kill "$gwrpid" 2>/dev/null && wait "$gwrpid" 2>/dev/null || true
    "$root/scripts/postfix-lab.sh" stop "$lab" || true
    pkill -f "smtp-sink .*127.0.0.1:$SINK" 2>/dev/null || true
}
trap cleanup EXIT

wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { date +%s.%N; }

config() { # file port webport stage
    cat > "$1" <<CONF
smtp:
  listen: 127.0.0.1:$2
  max_connections_per_ip: 200
domains:
  internal: [council.example]
routes:
  internal: 127.0.0.1:$SINK
  external: 127.0.0.1:$SINK
delivery:
  concurrency: $C
policy:
  stage: $4
storage:
  dir: $1.data
web:
  listen: 127.0.0.1:$3
CONF
}
config "$work/protect.yaml" "$GW" "$WEB" protect   # the default: classify, then the policy decides
config "$work/relay.yaml" "$GWR" "$WEBR" relay     # the relay alone: spool with fsync, no classification
GATEWAY_LOG_LEVEL=WARN java -jar "$jar" serve --config "$work/protect.yaml" > "$work/protect.log" 2>&1 &
gwpid=$!
GATEWAY_LOG_LEVEL=WARN java -jar "$jar" serve --config "$work/relay.yaml" > "$work/relay.log" 2>&1 &
gwrpid=$!
"$root/scripts/postfix-lab.sh" start "$lab" "$PF" "$SINK"
wait_port "$GW"
wait_port "$GWR"

# smtp-source: N messages over C sessions; the sink exits after N, so its exit marks the
# moment the last message left the relay.
throughput() { # name port
    smtp-sink -u postfix -M "$N" 127.0.0.1:$SINK 1024 &
    local sink=$!
    wait_port "$SINK"
    local t0 t1 t2
    t0=$(now)
    smtp-source -s "$C" -l "$SIZE" -m "$N" -f bench@council.example -t rcpt@partner.example 127.0.0.1:"$2"
    t1=$(now)
    wait "$sink"
    t2=$(now)
    awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v name="$1" \
        'BEGIN { printf "%-8s relay  msgs=%d  accepted_msg/s=%.0f  relayed_msg/s=%.0f  (%.2fs end to end)\n", name, n, n/(b-a), n/(c-a), c-a }'
    awk -v n="$N" -v a="$t0" -v c="$t2" 'BEGIN { print n/(c-a) }' >> "$work/$1.rates"
}

latency() { # name port
    smtp-sink -u postfix 127.0.0.1:$SINK 1024 &
    local sink=$!
    wait_port "$SINK"
    printf "%-8s latency " "$1"
    java "$root/bench/relay/SmtpLoad.java" 127.0.0.1 "$2" "$C" $((N / 2)) "$SIZE"
    kill "$sink"; wait "$sink" 2>/dev/null || true
}

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f (%.0f-%.0f)", m, v[1], v[NR] }'; }
median_value() { sort -g "$1" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "relay benchmark: $N messages of $SIZE bytes to external addresses, concurrency $C, $ROUNDS rounds, $(nproc) cores, $(date -u +%FT%TZ)"
throughput warmup "$GW" > /dev/null
throughput warmup "$GWR" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round"
    throughput protect "$GW"
    throughput postfix "$PF"
    throughput relay "$GWR"
done
latency protect "$GW"
latency relay "$GWR"
latency postfix "$PF"
echo "relayed msg/s, median (min-max) of $ROUNDS rounds:"
echo "  gateway, policy.stage protect: $(median "$work/protect.rates")"
echo "  gateway, policy.stage relay:   $(median "$work/relay.rates")"
echo "  postfix:                       $(median "$work/postfix.rates")"
p=$(median_value "$work/postfix.rates")
awk -v g="$(median_value "$work/protect.rates")" -v r="$(median_value "$work/relay.rates")" -v p="$p" \
    'BEGIN { printf "ratio gateway/postfix relayed msg/s: protect %.2f (target >= 1.0), relay %.2f\n", g/p, r/p }'
