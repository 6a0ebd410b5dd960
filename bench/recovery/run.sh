#!/bin/bash
# Recovery after kill -9: how fast the gateway drains the backlog that repeated crashes leave,
# against its own steady-state rate for the same mail in the same run, and that the spool ends
# empty (no finished message left behind) with nothing lost.
#
#   [CYCLES=20] [STEADY=3000] [RATE=150] [MAILGATE_JAR=/tmp/copy.jar] bench/recovery/run.sh
#
#   steady  STEADY messages (plain, sensitive -> secure portal, with attachment; 50 recipients)
#           sent as fast as the gateway takes them; rate = deliveries (next hop and internal
#           notices) per second from the first send until the queue is empty
#   kills   the same mix at RATE msg/s while the gateway JVM is killed with SIGKILL CYCLES times
#           (every 4 s, restarted at once)
#   drain   after the load stops: deliveries per second until the queue is empty, per 10 s and
#           overall; target >= 0.8 x the steady rate
#
# Needs root, PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust) and
# gateway/target/gateway.jar (or MAILGATE_JAR, a copy, so that a build meanwhile cannot change
# it). Uses bench/faults/lib.sh and bench/faults/Accounting.java. About 6 minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/mailgate-recovery.XXXXXX)
source "$root/bench/faults/lib.sh"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
CYCLES=${CYCLES:-20}
STEADY=${STEADY:-3000}
RATE=${RATE:-150}
SMTP=27501 WEB=27502 SINK=27503
MIX=(--mix plain,sensitive,attach --recipients 50 --threads 16)

cleanup() { stop_pid "${sender_pid:-}"; stop_pid "${gw_pid:-}"; stop_pid "${sink_pid:-}"; true; }
trap cleanup EXIT
port_free $SMTP; port_free $WEB; port_free $SINK

d=$work/recovery
mkdir -p "$d/data" "$d/internal"
gateway_yaml "$d/gw.yaml" $SMTP $WEB "$d/data" "$(fresh_schema)" "$(openssl rand -base64 32)" \
    127.0.0.1:$SINK "$d/internal"
start_sink sink $SINK "$d/external"
start_gateway gw "$d/gw.yaml" $SMTP

now() { date +%s.%N; }
delivered() { find "$d/external" "$d/internal" -type f 2>/dev/null | wc -l; }
depth() { { curl -s --max-time 5 "http://127.0.0.1:$WEB/health" || true; } | sed -n 's/.*"queue":\([0-9]*\).*/\1/p'; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

echo "recovery benchmark: $(nproc) cores, $(date -u +%FT%TZ), work dir $work"

# --- steady state -------------------------------------------------------------------------
c0=$(delivered); t0=$(now)
acct send --targets 127.0.0.1:$SMTP --out "$d/steady.tsv" --count "$STEADY" --rate 2000 "${MIX[@]}" \
    --prefix steady > "$d/steady.out"
drain $WEB 900
c1=$(delivered); t1=$(now)
steady=$(rate $((c1 - c0)) "$t0" "$t1")
echo "steady: $STEADY messages sent ($(cat "$d/steady.out" | cut -d' ' -f1-4)); $((c1 - c0)) deliveries in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s = $steady deliveries/s" \
    | tee -a "$work/summary"

# --- kill -9 cycles under load ---------------------------------------------------------------
count=$(( CYCLES * 5 * RATE ))
acct send --targets 127.0.0.1:$SMTP --out "$d/kills.tsv" --count "$count" --rate "$RATE" "${MIX[@]}" \
    --prefix kill > "$d/kills.out" 2>&1 &
sender_pid=$!
for i in $(seq 1 "$CYCLES"); do
    sleep 4
    kill -9 "$gw_pid"; wait "$gw_pid" 2>/dev/null || true
    start_gateway gw "$d/gw.yaml" $SMTP
done
echo "kills: $CYCLES x SIGKILL under $RATE msg/s; sender: $(cat "$d/kills.out" 2>/dev/null | head -1)" | tee -a "$work/summary"
wait "$sender_pid"; sender_pid=
echo "kills: sender done: $(cut -d' ' -f1-5 "$d/kills.out")" | tee -a "$work/summary"

# --- drain ----------------------------------------------------------------------------------
wait_port $WEB
q0=$(depth); c2=$(delivered); t2=$(now)
last_c=$c2; last_t=$t2; windows=()
for _ in $(seq 1 1800); do
    sleep 1
    q=$(depth)
    t=$(now)
    if awk -v a="$last_t" -v b="$t" 'BEGIN { exit !(b - a >= 10) }'; then
        c=$(delivered); windows+=("$(rate $((c - last_c)) "$last_t" "$t")"); last_c=$c; last_t=$t
    fi
    [ "${q:-1}" = 0 ] && break
done
drain $WEB 60
c3=$(delivered); t3=$(now)
drained=$(rate $((c3 - c2)) "$t2" "$t3")
echo "drain: queue $q0 at the start; $((c3 - c2)) deliveries in $(awk -v a="$t2" -v b="$t3" 'BEGIN{printf "%.1f", b-a}') s = $drained deliveries/s; per 10 s: ${windows[*]:-}" \
    | tee -a "$work/summary"
awk -v r="$drained" -v s="$steady" 'BEGIN { printf "drain/steady = %.2f (target >= 0.8)\n", r / s }' | tee -a "$work/summary"
left=$(find "$d/data/spool/queue" -type f | wc -l)
echo "spool files left: $left" | tee -a "$work/summary"
acct report --log "$d/steady.tsv,$d/kills.tsv" --external "$d/external" --internal "$d/internal" | tee -a "$work/summary"
