#!/bin/bash
# Coverage-guided fuzzing (Jazzer) of the SMTP parsers and the MIME walk / text extraction,
# each target for the time its @FuzzTest(maxDuration) gives (30 s). A finding fails the run and
# leaves the input that caused it under the test's src/test/resources/...Inputs/ folder, where
# the normal test run replays it from then on.
#
#   bench/faults/fuzz.sh          (CI runs it after the tests: about 2.5 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
targets=(
  "gateway:SmtpFuzzTest#pathsNeverLetInjectionThrough"
  "gateway:SmtpFuzzTest#dataDecodingMatchesTheReference"
  "classifier:ExtractionFuzzTest#anyMessageGivesAClassification"
  "classifier:ExtractionFuzzTest#multipartMessagesWithFuzzedPartsGiveAClassification"
)
mvn -B -q -DskipTests install >/dev/null
for t in "${targets[@]}"; do
  module="${t%%:*}"; test="${t#*:}"
  echo "fuzzing $test"
  JAZZER_FUZZ=1 mvn -B -q -o -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
      | grep -a -E "^Done|FuzzTestFinding|Tests run:.*Fail" || true
  if grep -l -E "<(failure|error)" "$module"/target/surefire-reports/TEST-*FuzzTest.xml >/dev/null 2>&1; then
    echo "FINDING in $test: see $module/target/surefire-reports" >&2
    exit 1
  fi
done
echo "fuzzing: no findings"
