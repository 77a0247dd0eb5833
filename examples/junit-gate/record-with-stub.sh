#!/usr/bin/env bash
# Records src/test/resources/gradsum/answers.jsonl again, against the local stub model server in stub/
# (no key, no network): the test runs in record mode, its model pointed at the stub.
# With a real model instead: OPENAI_API_KEY=sk-... mvn test -Dgradsum.mode=record
set -euo pipefail
cd "$(dirname "$0")"
port="${STUB_PORT:-18089}"
java stub/CapitalsModelServer.java "$port" &
stub=$!
trap 'kill "$stub"' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_API_KEY=stub-key mvn -B -ntp -q test -Dgradsum.mode=record "$@"
echo "recorded: $(wc -l < src/test/resources/gradsum/answers.jsonl) answered calls in src/test/resources/gradsum/answers.jsonl"
