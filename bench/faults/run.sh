#!/bin/bash
# Faults with the real thing, each under load from bench/faults/Accounting.java, and one
# accounting row per fault: sent, acknowledged (250), delivered, portal, held, lost (must be 0),
# duplicated, and whether a sensitive body reached the external next hop in clear.
#
#   bench/faults/run.sh [FAULT...]     faults: kill nexthop postgres diskfull slowstage (default: all)
#
#   kill       kill -9 of the gateway JVM under load, restart, drain
#   nexthop    the external next hop (Accounting sink) stopped for 30 s under load, then started
#   postgres   PostgreSQL stopped for 30 s while sensitive mail (-> secure portal) flows
#   diskfull   storage.dir on a 2 MB tmpfs with the next hop down: 451/452 instead of 250
#   slowstage  a classifier stage that does not finish within delivery.processing_timeout (150 ms; a 15 MB attachment)
#
# Needs root (pg_ctlcluster, mount), PostgreSQL at 127.0.0.1:5432 (database test, user postgres,
# trust) and gateway/target/gateway.jar (mvn -B -q -DskipTests package). Takes about 6 minutes. Leaves its bench_* schemas in the test database.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/mailgate-faults.XXXXXX)
source "$root/bench/faults/lib.sh"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
SMTP=27301 WEB=27302 SINK=27303
pgctl() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main "$1"; }

cleanup() {
    stop_pid "${gw_pid:-}"; stop_pid "${sink_pid:-}"; stop_pid "${sender_pid:-}"
    pgctl start 2>/dev/null || true          # never leave PostgreSQL stopped
    mountpoint -q "$work/diskfull/data" 2>/dev/null && umount "$work/diskfull/data"
    true
}
trap cleanup EXIT

# setup NAME: a fresh schema, sink and gateway for one fault, all under $work/NAME.
setup() {
    d=$work/$1
    mkdir -p "$d/data"
    gateway_yaml "$d/gw.yaml" $SMTP $WEB "$d/data" "$(fresh_schema)" "$(openssl rand -base64 32)" \
        127.0.0.1:$SINK "$d/internal"
    if [ "${2:-}" != nosink ]; then start_sink sink $SINK "$d/external"; fi
    start_gateway gw "$d/gw.yaml" $SMTP
}
teardown() { stop_pid "${gw_pid:-}"; gw_pid=; stop_pid "${sink_pid:-}"; sink_pid=; }
send_bg() { acct send --targets 127.0.0.1:$SMTP --out "$d/sent.tsv" "$@" > "$d/send.out" 2>&1 & sender_pid=$!; }
finish() { # NAME [report options]: wait for the sender, drain, account
    if [ -n "${sender_pid:-}" ]; then wait "$sender_pid"; sender_pid=; fi
    drain $WEB 300 || true
    local name=$1; shift
    echo "== $name: $(cat "$d/send.out")" | tee -a "$work/summary"
    acct report --log "$d/sent.tsv" --external "$d/external" --internal "$d/internal" "$@" | tee -a "$work/summary"
    teardown
}

fault_kill() {
    setup kill
    send_bg --count 900 --rate 30 --prefix kill
    sleep 8
    kill -9 "$gw_pid"; wait "$gw_pid" 2>/dev/null || true
    echo "kill: gateway killed with SIGKILL at $(date +%T), restarting"
    start_gateway gw "$d/gw.yaml" $SMTP
    finish kill
}

fault_nexthop() {
    setup nexthop
    send_bg --count 400 --rate 20 --recipients 3 --mix plain,attach --prefix hop
    sleep 4
    stop_pid "$sink_pid"; sink_pid=
    echo "nexthop: sink stopped at $(date +%T) for 30 s"
    sleep 30
    start_sink sink $SINK "$d/external"
    finish nexthop --order
}

fault_postgres() {
    setup postgres
    send_bg --count 450 --rate 15 --mix sensitive,plain --prefix pg
    sleep 5
    pgctl stop
    echo "postgres: stopped at $(date +%T) for 30 s"
    sleep 30
    pgctl start
    finish postgres
}

fault_diskfull() {
    mkdir -p "$work/diskfull/data"
    mount -t tmpfs -o size=2m tmpfs "$work/diskfull/data"
    setup diskfull nosink          # next hop down: the spool only fills
    send_bg --count 600 --rate 40 --threads 4 --mix plain --prefix disk
    wait "$sender_pid"; sender_pid=
    echo "diskfull: $(df -h "$work/diskfull/data" | tail -1)"
    start_sink sink $SINK "$d/external"
    finish diskfull
    umount "$work/diskfull/data"
}

fault_slowstage() {
    PROCESSING_TIMEOUT=150ms setup slowstage
    send_bg --count 20 --rate 1 --mix plain,slow --prefix slow
    finish slowstage
    echo "slowstage: 'processing timed out' in the gateway log: $(grep -c 'processing timed out' "$work/gw.log" || true)" \
        | tee -a "$work/summary"
}

for p in $SMTP $WEB $SINK; do port_free $p; done
echo "faults: $(nproc) cores, $(date -u +%FT%TZ), work dir $work"
for f in "${@:-kill nexthop postgres diskfull slowstage}"; do
    for one in $f; do "fault_$one"; done
done
echo
echo "summary:"
cat "$work/summary"
