#!/bin/bash
# Relay throughput and latency: the gateway (fsync, no-op stage) against a Postfix relay on the
# same machine, in the same run, both relaying to Postfix's smtp-sink.
#
#   bench/relay/run.sh [MESSAGES] [CONCURRENCY] [SIZE_BYTES]      defaults: 5000 20 10240
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
SINK=27025 GW=27026 WEB=27027 PF=27028
lab=/tmp/mailgate-bench-postfix   # fixed, so /etc/postfix/main.cf lists it once
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

cleanup() {
    [ -n "${gwpid:-}" ] && kill "$gwpid" 2>/dev/null && wait "$gwpid" 2>/dev/null || true
    "$root/scripts/postfix-lab.sh" stop "$lab" || true
    pkill -f "smtp-sink .*127.0.0.1:$SINK" 2>/dev/null || true
}
trap cleanup EXIT

wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
now() { date +%s.%N; }

cat > "$work/gw.yaml" <<CONF
smtp:
  listen: 127.0.0.1:$GW
  max_connections_per_ip: 200
domains:
  internal: [council.example]
routes:
  internal: 127.0.0.1:$SINK
  external: 127.0.0.1:$SINK
delivery:
  concurrency: $C
policy:
  stage: relay          # the relay alone: spool with fsync, no classification
storage:
  dir: $work/gw-data
web:
  listen: 127.0.0.1:$WEB
CONF
GATEWAY_LOG_LEVEL=WARN java -jar "$jar" serve --config "$work/gw.yaml" > "$work/gateway.log" 2>&1 &
gwpid=$!
"$root/scripts/postfix-lab.sh" start "$lab" "$PF" "$SINK"
wait_port "$GW"

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
    echo "$(awk -v n="$N" -v a="$t0" -v c="$t2" 'BEGIN { print n/(c-a) }')" > "$work/$1.rate"
}

latency() { # name port
    smtp-sink -u postfix 127.0.0.1:$SINK 1024 &
    local sink=$!
    wait_port "$SINK"
    printf "%-8s latency " "$1"
    java "$root/bench/relay/SmtpLoad.java" 127.0.0.1 "$2" "$C" $((N / 2)) "$SIZE"
    kill "$sink"; wait "$sink" 2>/dev/null || true
}

echo "relay benchmark: $N messages of $SIZE bytes, concurrency $C, $(nproc) cores, $(date -u +%FT%TZ)"
throughput warmup "$GW" > /dev/null
throughput gateway "$GW"
throughput postfix "$PF"
latency gateway "$GW"
latency postfix "$PF"
awk -v g="$(cat "$work/gateway.rate")" -v p="$(cat "$work/postfix.rate")" \
    'BEGIN { printf "ratio gateway/postfix relayed msg/s = %.2f (target >= 0.5)\n", g/p }'
