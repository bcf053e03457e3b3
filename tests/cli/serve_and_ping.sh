#!/usr/bin/env bash
# The CLI end to end: `mongo-aws serve` in its own process (so that 10,000 client connections
# and 10,000 server connections do not share one process's open-file limit), then
# `credentials`, `ping` (once, as JSON, 10,000 at once), a refused authentication, and a
# check that no output ever holds a secret.
set -euo pipefail
cli="$1"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
    grep -q 'ready:' "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
grep -q 'ready:' "$work/serve.out" || fail "serve did not become ready: $(cat "$work/serve.err")"
mongodb="$(grep -o 'mongodb [0-9.:]*' "$work/serve.out" | cut -d' ' -f2)"
endpoints="$(grep -o 'credential endpoints http://[0-9.:]*' "$work/serve.out" | cut -d' ' -f3)"
uri="mongodb://$mongodb/?authMechanism=MONGODB-AWS"
export AWS_EC2_METADATA_SERVICE_ENDPOINT="$endpoints"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_WEB_IDENTITY_TOKEN_FILE \
    AWS_ROLE_ARN AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI

"$cli" credentials --json >"$work/credentials.json"
grep -q '^{"ok":true,"source":"ec2","access_key_id":"AKIA…MPLE","session_token":true,' \
    "$work/credentials.json" || fail "credentials --json: $(cat "$work/credentials.json")"

"$cli" ping "$uri" --json >"$work/ping.json"
grep -q '^{"ok":true,"user":"arn:aws:sts::123456789012:assumed-role/demo-app/\*","db":"\$external",' \
    "$work/ping.json" || fail "ping --json: $(cat "$work/ping.json")"

start=$(date +%s%N)
# Each authentication may take up to 2 minutes: 10,000 at once on one thread take tens of
# seconds under sanitizers. The one credential fetch shares that saturated thread, so IMDS gets
# 30 s instead of the 1 s default (with 1 s, under ASan, the fetch itself times out).
AWS_METADATA_SERVICE_TIMEOUT=30 \
"$cli" ping "$uri" --count 10000 --concurrency 10000 --timeout-ms 120000 >"$work/many.out" 2>"$work/many.err" ||
    fail "10,000 concurrent pings: $(cat "$work/many.out" "$work/many.err")"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -q '^10000 authentications (10000 at a time) in [0-9]* ms: 10000 succeeded, 0 failed' \
    "$work/many.out" || fail "10,000 pings: $(cat "$work/many.out")"
echo "10,000 concurrent connect+authenticate+connectionStatus on one thread: ${elapsed_ms} ms"
cat "$work/many.out"

set +e
"$cli" ping "mongodb://AKIAIOSFODNN7EXAMPLE:wrong-secret@$mongodb/?authMechanism=MONGODB-AWS" \
    --json >"$work/refused.json"
status=$?
set -e
[ "$status" -eq 1 ] || fail "a refused authentication exits $status, not 1"
grep -q '^{"ok":false,"error":{"code":"command_failed",' "$work/refused.json" ||
    fail "refused: $(cat "$work/refused.json")"

set +e
"$cli" ping >/dev/null 2>&1
status=$?
set -e
[ "$status" -eq 2 ] || fail "ping without a URI exits $status, not 2"

kill -INT "$server"
wait "$server" || true
grep -q 'authentication(s)' "$work/serve.err" || fail "serve did not report on exit"
# One credential fetch per process that looked credentials up: credentials, ping, the 10,000
# pings (which share one cache); the refused ping had its credentials in the URI.
grep -q 'imds credentials 3$' "$work/serve.err" ||
    fail "the credential fetches were not shared: $(tail -1 "$work/serve.err")"

# No secret in any output: the demo user's secret and token, the wrong secret.
if grep -rl -e 'wJalrXUtnFEMI' -e 'IQoJb3JpZ2luX2Vj' -e 'wrong-secret' -e 'AKIAIOSFODNN7EXAMPLE' "$work"; then
    fail "a secret or the full access key id reached the output"
fi
echo "PASS"
