#!/usr/bin/env bash
# Authenticated record-page reads over loopback, beside a bare endpoint of the same gateway, in one run.
# Starts LDX with ./mvnw -Plocal (real PostgreSQL, Kafka, Keycloak, the packaged gateway and the demo data),
# optionally grows sso-insured-persons to RECORDS records with PostgreSQL COPY (devstack BulkLoad),
# loads it with wrk, prints requests/s and p50/p99 latency, then stops everything.
#   [RECORDS=1000000] bench/record-reads.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
RECORDS=${RECORDS:-5000}
THREADS=2
GATEWAY=http://127.0.0.1:8080
TOKEN_URL=http://127.0.0.1:8180/realms/ldx/protocol/openid-connect/token

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)..." >&2
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

LOG=$(mktemp)
setsid ./mvnw -B -q -Plocal >"$LOG" 2>&1 &
STACK=$!
trap 'kill -TERM -- -$STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true; rm -f "$LOG"' EXIT
echo "starting LDX (log: $LOG)..." >&2
until grep -q "LDX is running" "$LOG"; do
  if ! kill -0 $STACK 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 2
done
grep -E "Ready in|Demo loaded|Resident memory" "$LOG" >&2

if [ "$RECORDS" -gt 5000 ]; then
  CP=$(mktemp)
  ./mvnw -B -q -pl devstack dependency:build-classpath -Dmdep.outputFile="$CP" >/dev/null
  java -cp "devstack/target/classes:$(cat "$CP")" th.go.mol.ldx.devstack.demo.BulkLoad \
    jdbc:postgresql://127.0.0.1:15432/ldx sso-insured-persons 5001 "$RECORDS" >&2
  rm -f "$CP"
fi

TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=agency-nso -d client_secret=agency-nso-secret "$TOKEN_URL" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
MIDDLE=$(printf 'SSO-%08d' $((RECORDS / 2)))
DEEP=$(printf '%s' "$MIDDLE" | base64 | tr '+/' '-_' | tr -d '=')

run() { # name url [auth]
  local name=$1 url=$2 out
  if [ "${3:-}" = auth ]; then
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$url")
  else
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  fi
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %-44s | %10s | %8s | %8s | %s |\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

# Warm the JIT on the paths measured.
wrk -t1 -c4 -d5s -H "Authorization: Bearer $TOKEN" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100" >/dev/null

echo
echo "sso-insured-persons: $RECORDS records; wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION} s each; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "| endpoint                                     |  requests/s |     p50  |     p99  | non-2xx |"
echo "|----------------------------------------------|------------:|---------:|---------:|--------:|"
run "GET /q/health/live (bare, no auth, no DB)" "$GATEWAY/q/health/live"
run "GET records?limit=10 (token, grant, page)" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=10" auth
run "GET records?limit=100" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100" auth
run "GET records?limit=100&after=<middle key>" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100&after=$DEEP" auth
run "GET records/{key} (one record)" "$GATEWAY/v1/datasets/sso-insured-persons/records/$MIDDLE" auth
