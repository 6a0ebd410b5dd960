# Helpers shared by bench/faults/run.sh and bench/cluster/soak.sh (sourced, not run).
# Expects $root (the project) and $work (a temp dir) to be set by the caller.

# MAILGATE_JAR: a copy of the jar to run, so that a build meanwhile cannot change it under a long run.
jar=${MAILGATE_JAR:-$root/gateway/target/gateway.jar}
acct() { java -cp "$jar" "$root/bench/faults/Accounting.java" "$@"; }
PG=${MAILGATE_BENCH_POSTGRES:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}

# fail rather than measure against something left running on our port
port_free() { ! (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null || { echo "port $1 is in use" >&2; exit 1; }; }
wait_port() { for _ in $(seq 1 600); do (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# A new schema in the test database; prints the JDBC URL for storage.database.
fresh_schema() {
    local s="bench_$(date +%s)_$RANDOM"
    psql -q -h 127.0.0.1 -U postgres test -c "CREATE SCHEMA $s" >/dev/null
    echo "$PG&currentSchema=$s"
}

# gateway_yaml FILE SMTP_PORT WEB_PORT DATA_DIR JDBC_URL KEY EXTERNAL_ROUTE INTERNAL_DIR [EXTRA_YAML]
gateway_yaml() {
    cat > "$1" <<CONF
smtp:
  listen: 127.0.0.1:$2
  max_connections_per_ip: 200
domains:
  internal: [council.example]
routes:
  internal: dir:$8
  external: $7
delivery:
  retry_intervals: [2s]
  concurrency: 8
  processing_timeout: ${PROCESSING_TIMEOUT:-2m}
storage:
  dir: $4
  database: "$5"
  master_key: $6
web:
  listen: 127.0.0.1:$3
${9:-}
CONF
}

# start_gateway NAME CONFIG SMTP_PORT: starts a gateway JVM, sets ${NAME}_pid, waits for SMTP.
start_gateway() {
    GATEWAY_LOG_LEVEL=${GATEWAY_LOG_LEVEL:-WARN} java -Xmx512m -jar "$jar" serve --config "$2" >> "$work/$1.log" 2>&1 &
    printf -v "${1}_pid" %s $!
    wait_port "$3" || { echo "gateway $1 did not start; see $work/$1.log" >&2; tail -20 "$work/$1.log" >&2; return 1; }
}

# start_sink NAME PORT DIR: the accounting next hop (keeps every copy), sets ${NAME}_pid.
start_sink() {
    java -cp "$jar" "$root/bench/faults/Accounting.java" sink --port "$2" --dir "$3" > "$work/$1.log" 2>&1 &
    printf -v "${1}_pid" %s $!
    wait_port "$2"
}

stop_pid() { if [ -n "${1:-}" ] && kill "$1" 2>/dev/null; then wait "$1" 2>/dev/null || true; fi; }

# drain WEB_PORT [SECONDS]: until the gateway's queue (GET /health) is empty, twice in a row.
drain() {
    local ok=0
    for _ in $(seq 1 $(( ${2:-180} * 2 ))); do
        if curl -sf "http://127.0.0.1:$1/health" | grep -q '"queue":0'; then
            ok=$((ok + 1)); [ $ok -ge 4 ] && return 0
        else
            ok=0
        fi
        sleep 0.5
    done
    echo "queue on :$1 did not drain: $(curl -s "http://127.0.0.1:$1/health")" >&2
    return 1
}
