#!/usr/bin/env bash
# Authenticated record-page reads over loopback, beside a bare endpoint of the same gateway, in one run.
# Starts LDX with ./mvnw -Plocal (real PostgreSQL, Kafka, Keycloak, the packaged gateway and the demo data; on a
# fresh clone this builds everything first), optionally grows sso-insured-persons to RECORDS records with
# PostgreSQL COPY (-Dldx.demo.bulk), loads it with wrk, prints requests/s, p50/p99 latency and the ratio to the
# bare endpoint, then stops everything. A second gateway on the same servers runs without audit (and limits), and
# the same reads against both show what they cost.
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
setsid ./mvnw -B -q -Plocal -Dldx.demo.bulk="$RECORDS" -Dldx.local.unguarded=true >"$LOG" 2>&1 &
STACK=$!
trap 'kill -TERM -- -$STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true; rm -f "$LOG"' EXIT
echo "starting LDX (log: $LOG)..." >&2
until grep -q "LDX is running" "$LOG"; do
  if ! kill -0 $STACK 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 2
done
grep -E "Ready in|Demo loaded|Bulk load|Resident memory|Unguarded" "$LOG" >&2
UNGUARDED=$(sed -n 's/^Unguarded gateway.*: \(http[^ ]*\)$/\1/p' "$LOG")

# The demo credentials were issued through the admin API; the local run keeps their secrets here.
CREDENTIALS=devstack/target/run/local/demo-credentials.properties
token() { # organisation
  curl -s -d grant_type=client_credentials -d client_id="$(sed -n "s/^$1.client-id=//p" "$CREDENTIALS")" \
    -d client_secret="$(sed -n "s/^$1.client-secret=//p" "$CREDENTIALS")" "$TOKEN_URL" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
NSO=$(token agency-nso)
DOPA=$(token agency-dopa)
SSO=$(token dept-sso)
MIDDLE=$(printf 'SSO-%08d' $((RECORDS / 2)))
DEEP=$(printf '%s' "$MIDDLE" | base64 | tr '+/' '-_' | tr -d '=')
BARE_RPS=

run() { # name url [token purpose]
  local name=$1 url=$2 out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $3" \
      ${4:+-H "LDX-Purpose: $4"} "$url")
  else
    out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  fi
  local rps p50 p99 non2xx ratio
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  BARE_RPS=${BARE_RPS:-$rps}
  ratio=$(awk -v b="$BARE_RPS" -v r="$rps" 'BEGIN {printf "%.1fx", b / r}')
  printf '| %-52s | %10s | %8s | %8s | %7s | %s |\n' "$name" "$rps" "$p50" "$p99" "$ratio" "${non2xx:-0}"
}

# Warm the JIT on the paths measured.
wrk -t1 -c4 -d5s -H "Authorization: Bearer $NSO" -H "LDX-Purpose: labour-statistics" \
  "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100" >/dev/null
wrk -t1 -c4 -d3s -H "Authorization: Bearer $DOPA" -H "LDX-Purpose: civil-registration" \
  "$GATEWAY/v1/datasets/doe-work-permits/records?limit=100" >/dev/null

echo
echo "sso-insured-persons: $RECORDS records; wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION} s each; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "| endpoint                                             |  requests/s |     p50  |     p99  | bare/this | non-2xx |"
echo "|------------------------------------------------------|------------:|---------:|---------:|--------:|--------:|"
run "GET /q/health/live (bare, no auth, no DB)" "$GATEWAY/q/health/live"
run "owner: GET records?limit=100 (whole view, no grant)" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100" "$SSO"
run "NSO: GET records?limit=10 (grant: 10 fields, pseudonyms)" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=10" "$NSO" labour-statistics
run "NSO: GET records?limit=100" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100" "$NSO" labour-statistics
run "NSO: GET records?limit=100&after=<middle key>" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100&after=$DEEP" "$NSO" labour-statistics
run "NSO: GET records/{key} (one record)" "$GATEWAY/v1/datasets/sso-insured-persons/records/$MIDDLE" "$NSO" labour-statistics
run "NSO: records?limit=100&filter=<one province, ~0.9 %>" "$GATEWAY/v1/datasets/sso-insured-persons/records?limit=100&filter=%7B%22provinceCode%22%3A%7B%22eq%22%3A%2258%22%7D%7D" "$NSO" labour-statistics
run "DOPA: GET work-permits?limit=100 (4 of 77 provinces)" "$GATEWAY/v1/datasets/doe-work-permits/records?limit=100" "$DOPA" civil-registration

# Audit and limits: the same reads on the gateway with them and on one without (a second JVM on the same
# servers), each warmed the same, then measured in alternation, two rounds each; cost = 1 - on/off.
rps() { # base path: requests/s, with a fresh token (they live 5 minutes); refuses to report a run with errors
  local out
  out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" -H "Authorization: Bearer $(token agency-nso)" \
    -H "LDX-Purpose: labour-statistics" "$1$2")
  if grep -q "Non-2xx" <<<"$out"; then echo "error: non-2xx answers from $1$2" >&2; grep "Non-2xx" <<<"$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
cost() { # name path
  local on1 off1 on2 off2
  # One full round on each first, not counted: the second gateway's first round after the warm-up came out up to
  # 40 % slow in two runs of 2026-11-25, whichever read was measured first.
  rps "$UNGUARDED" "$2" >/dev/null; rps "$GATEWAY" "$2" >/dev/null
  on1=$(rps "$GATEWAY" "$2"); off1=$(rps "$UNGUARDED" "$2"); on2=$(rps "$GATEWAY" "$2"); off2=$(rps "$UNGUARDED" "$2")
  awk -v n="$1" -v a="$on1" -v b="$off1" -v c="$on2" -v d="$off2" 'BEGIN {
    on = (a + c) / 2; off = (b + d) / 2
    printf "| %-44s | %8.0f (%.0f, %.0f) | %8.0f (%.0f, %.0f) | %5.1f %% |\n", n, on, a, c, off, b, d, (1 - on / off) * 100 }'
}
NSO=$(token agency-nso)
for base in "$GATEWAY" "$UNGUARDED"; do
  for path in "records?limit=10" "records?limit=100" "records/$MIDDLE"; do
    wrk -t$THREADS -c"$CONNECTIONS" -d8s -H "Authorization: Bearer $NSO" -H "LDX-Purpose: labour-statistics" \
      "$base/v1/datasets/sso-insured-persons/$path" >/dev/null
  done
done
echo
echo "audit (and limits) on vs off, same servers, same run, after a round on each not counted, mean of two alternating rounds (each round in brackets)"
echo "| read (agency-nso)                            |  on, requests/s            | off, requests/s            |   cost  |"
echo "|----------------------------------------------|---------------------------:|---------------------------:|--------:|"
cost "GET records?limit=10" "/v1/datasets/sso-insured-persons/records?limit=10"
cost "GET records?limit=100" "/v1/datasets/sso-insured-persons/records?limit=100"
cost "GET records/{key}" "/v1/datasets/sso-insured-persons/records/$MIDDLE"
