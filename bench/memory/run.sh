#!/bin/bash
# Memory: four large messages at once through a gateway with a small heap (default -Xmx256m
# and the default smtp.max_message_bytes of 50 MB): one delivered as it is, one encrypted with
# S/MIME, one kept in the secure portal, one held for review because its attachment is larger
# than the classifier reads. Then a reviewer downloads the held attachment and the portal
# recipient signs in with a code and downloads theirs; both are compared with what was sent,
# the encrypted copy is decrypted with openssl, and the gateway's log is searched for
# OutOfMemoryError.
#
#   [HEAP=256m] [MB=50] [MAILGATE_JAR=...] bench/memory/run.sh
#
# Needs openssl and gateway/target/gateway.jar (mvn -B -q -DskipTests package). Takes about
# two minutes. Prints one line per check; exits non-zero if any fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${MAILGATE_JAR:-$root/gateway/target/gateway.jar}
HEAP=${HEAP:-256m}
MB=${MB:-50}
SMTP=27601 WEB=27602
work=$(mktemp -d /tmp/mailgate-memory.XXXXXX)
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
cleanup() { [ -n "${gw:-}" ] && kill "$gw" 2>/dev/null && wait "$gw" 2>/dev/null || true; }
trap cleanup EXIT

# The S/MIME recipient's certificate (and key, to decrypt what arrives).
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$work/gp.key" -out "$work/gp.pem" \
    -subj "/CN=Dr Gee/emailAddress=gp@surgery.example" -addext "subjectAltName=email:gp@surgery.example" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=emailProtection" 2>/dev/null
cat > "$work/gw.yaml" <<CONF
smtp:
  listen: 127.0.0.1:$SMTP
domains:
  internal: [council.example]
routes:
  internal: dir:$work/internal
  external: dir:$work/external
storage:
  dir: $work/data
web:
  listen: 127.0.0.1:$WEB
  public_url: http://127.0.0.1:$WEB
CONF
java -jar "$jar" certs import --config "$work/gw.yaml" "$work/gp.pem" > /dev/null
echo "a long reviewer password" | java -jar "$jar" users add --config "$work/gw.yaml" rita --role reviewer --password-stdin > /dev/null

java -Xmx"$HEAP" -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$work" -jar "$jar" serve --config "$work/gw.yaml" \
    > "$work/gateway.log" 2>&1 &
gw=$!
for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$SMTP) 2>/dev/null && break; sleep 0.2; done

echo "memory benchmark: 4 x $MB MB at once, gateway -Xmx$HEAP, $(nproc) cores, $(date -u +%FT%TZ)"
start=$(date +%s)
java -Xmx2g "$root/bench/memory/BigMessages.java" 127.0.0.1:$SMTP http://127.0.0.1:$WEB "$work/external" rita \
    "a long reviewer password" "$MB" | tee "$work/driver.out"
echo "driver finished in $(( $(date +%s) - start )) s"

fail=0
smime=$(grep -l "smime-type=enveloped-data" -r "$work/external" | head -1)
if openssl cms -decrypt -in "$smime" -inkey "$work/gp.key" -recip "$work/gp.pem" -out "$work/decrypted.eml" 2>/dev/null \
        && grep -q "NHS number" "$work/decrypted.eml"; then
    echo "smime  openssl decrypts it: $(stat -c %s "$work/decrypted.eml") bytes"
else
    echo "smime  openssl could NOT decrypt $smime"; fail=1
fi
grep -q "DIFFERENT\|NOT FOUND" "$work/driver.out" && fail=1
grep -c "held   item .* HTTP 200" "$work/driver.out" > /dev/null || fail=1
grep -c "portal recipient download HTTP 200" "$work/driver.out" > /dev/null || fail=1
ooms=$(grep -c "OutOfMemoryError" "$work/gateway.log" || true)
echo "OutOfMemoryError in the gateway log: $ooms"
[ "$ooms" = 0 ] || fail=1
echo "heap in use after the run: $(jcmd "$gw" GC.heap_info 2>/dev/null | head -2 | tail -1 | sed 's/^ *//')"
echo "work dir: $work"
[ "$fail" = 0 ] && echo "result: PASS" || { echo "result: FAIL"; exit 1; }
