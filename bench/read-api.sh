#!/usr/bin/env bash
# The read API at national scale, in one run: authenticated, grant-filtered (agency-nso: 9 of 15 fields, national IDs
# as its pseudonyms), audited 50-record pages at random keyset positions of sso-insured-persons grown to RECORDS
# records, the same pages of a copy with SMALL records, and PostgreSQL's own rate for the page's SQL (pgbench, same
# concurrency, prepared statements) as the ceiling; then the agency's whole export (records/s and the gateway's
# heap) and statistics over every record (cold, then warm).
# Starts LDX with ./mvnw -Plocal (a fresh clone builds everything first) and stops it at the end.
#   [RECORDS=10000000] [SMALL=10000] bench/read-api.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
RECORDS=${RECORDS:-10000000}
SMALL=${SMALL:-10000}
THREADS=2
GATEWAY=http://127.0.0.1:8080
TOKEN_URL=http://127.0.0.1:8180/realms/ldx/protocol/openid-connect/token
export PGHOST=127.0.0.1 PGPORT=15432 PGUSER=ldx PGPASSWORD=ldx PGDATABASE=ldx

need() { # command debian-package
  if ! command -v "$1" >/dev/null; then
    echo "installing $2 (Debian package)..." >&2
    (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
  fi
}
need wrk wrk
need pgbench postgresql-client
need psql postgresql-client

LOG=$(mktemp)
WORK=$(mktemp -d)
setsid ./mvnw -B -q -Plocal -Dldx.demo.bulk="$RECORDS" -Dldx.demo.small-copy="$SMALL" >"$LOG" 2>&1 &
STACK=$!
trap 'kill -TERM -- -$STACK 2>/dev/null || true; wait $STACK 2>/dev/null || true; rm -rf "$LOG" "$WORK"' EXIT
echo "starting LDX with $RECORDS records (log: $LOG)..." >&2
until grep -q "LDX is running" "$LOG"; do
  if ! kill -0 $STACK 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 2
done
grep -E "Ready in|Demo loaded|Bulk load|Small copy|Resident memory" "$LOG" >&2
# The bulk load bypasses autovacuum's schedule: give the planner the statistics it would have.
psql -q -c "VACUUM ANALYZE record" >&2

CREDENTIALS=devstack/target/run/local/demo-credentials.properties
token() { # organisation
  curl -s -d grant_type=client_credentials -d client_id="$(sed -n "s/^$1.client-id=//p" "$CREDENTIALS")" \
    -d client_secret="$(sed -n "s/^$1.client-secret=//p" "$CREDENTIALS")" "$TOKEN_URL" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# A page after a random key: the keyset position a client paging through the dataset is at. The cursor is the
# base64url of the key (records.PageCursor).
cat >"$WORK/pages.lua" <<'LUA'
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local function base64url(s)
  local out, bits, value = {}, 0, 0
  for i = 1, #s do
    value = value * 256 + s:byte(i); bits = bits + 8
    while bits >= 6 do
      bits = bits - 6
      local index = math.floor(value / 2 ^ bits) % 64
      out[#out + 1] = alphabet:sub(index + 1, index + 1)
      value = value % 2 ^ bits
    end
  end
  if bits > 0 then
    local index = (value * 2 ^ (6 - bits)) % 64
    out[#out + 1] = alphabet:sub(index + 1, index + 1)
  end
  return table.concat(out)
end
init = function(args)
  dataset, records = args[1], tonumber(args[2])
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
request = function()
  local key = string.format("SSO-%08d", math.random(1, records - 50))
  return wrk.format("GET", "/v1/datasets/" .. dataset .. "/records?limit=50&after=" .. base64url(key))
end
LUA

pages() { # name dataset records
  local out rps p50 p99 non2xx
  out=$(wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $(token agency-nso)" \
    -H "LDX-Purpose: labour-statistics" -s "$WORK/pages.lua" "$GATEWAY" -- "$2" "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %-62s | %9s | %8s | %8s | %7s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
  LAST_RPS=$rps
}

# The page's own SQL (records.RecordStore.page for a grant without row conditions), at the same concurrency.
cat >"$WORK/page.sql" <<'SQL'
\set n random(1, :records - 50)
SELECT record_key, data, change_seq, updated_at, schema_version FROM record WHERE dataset_id = 'sso-insured-persons' AND record_key > 'SSO-' || lpad(:n::text, 8, '0') ORDER BY record_key LIMIT 51;
SQL

# Warm-up until the gateway's JIT compilers are done with the page's code: rounds of 12 s until the compiler threads
# used under 3 % of a core in one (at most 25 rounds). After a fixed 30 s they still used a fifth of a core, and pages
# ran 20 to 60 % slower than at steady state, which is what a gateway that runs for days answers at.
GATEWAY_PID=$(pgrep -f 'quarkus-app/quarkus-run.jar' | head -1)
compiler_ticks() { # CPU clock ticks of the gateway's JIT compiler threads so far
  for task in /proc/"$GATEWAY_PID"/task/*; do
    # utime and stime: the 12th and 13th fields after the thread's name, which holds a space.
    if grep -q '^C[12] Compiler' "$task/comm" 2>/dev/null; then
      sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}'
    fi
  done | awk '{ticks += $1} END {print ticks + 0}'
}
for round in $(seq 1 25); do
  BEFORE=$(compiler_ticks)
  wrk -t$THREADS -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $(token agency-nso)" \
    -H "LDX-Purpose: labour-statistics" -s "$WORK/pages.lua" "$GATEWAY" -- sso-insured-persons "$RECORDS" >/dev/null
  wrk -t$THREADS -c8 -d2s -H "Authorization: Bearer $(token agency-nso)" -H "LDX-Purpose: labour-statistics" \
    -s "$WORK/pages.lua" "$GATEWAY" -- sso-insured-persons-small "$SMALL" >/dev/null
  SHARE=$(( ($(compiler_ticks) - BEFORE) * 100 / (12 * $(getconf CLK_TCK)) ))
  echo "warming up: round $round, the JIT compilers used $SHARE % of a core" >&2
  if [ "$SHARE" -lt 3 ]; then break; fi
done
if [ "$SHARE" -ge 3 ]; then echo "warning: the JIT compilers were still at work after the warm-up" >&2; fi

echo
echo "50-record pages at random keyset positions as agency-nso; wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION} s each; pgbench -M prepared -c $CONNECTIONS -j $THREADS; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "| read                                                           | pages/s   |     p50  |     p99  | non-2xx |"
echo "|----------------------------------------------------------------|----------:|---------:|---------:|--------:|"
pages "GET records?limit=50&after=<random> ($RECORDS records)" sso-insured-persons "$RECORDS"
LARGE_RPS=$LAST_RPS
pages "GET records?limit=50&after=<random> (copy, $SMALL records)" sso-insured-persons-small "$SMALL"
PGB=$(pgbench -n -M prepared -c "$CONNECTIONS" -j $THREADS -T "$DURATION" -D records="$RECORDS" -f "$WORK/page.sql" 2>&1)
PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$PGB")
PG_LAT=$(sed -n 's/^latency average = \([0-9.]* ms\).*/\1/p' <<<"$PGB")
printf '| %-62s | %9s | %8s | %8s | %7s |\n' "pgbench: the page's SELECT ($RECORDS records)" "$PG_TPS" "avg $PG_LAT" "" ""
awk -v g="$LARGE_RPS" -v p="$PG_TPS" 'BEGIN {printf "gateway / pgbench: %.0f %%\n", 100 * g / p}'

echo
jstat -gc "$GATEWAY_PID" 500 >"$WORK/gc.txt" &
JSTAT=$!
START=$(date +%s.%N)
BYTES=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $(token agency-nso)" \
  -H "LDX-Purpose: labour-statistics" "$GATEWAY/v1/datasets/sso-insured-persons/export")
END=$(date +%s.%N)
kill $JSTAT 2>/dev/null || true
awk -v s="$START" -v e="$END" -v n="$RECORDS" -v b="$BYTES" 'BEGIN {
  printf "export (NDJSON, agency-nso, %d records, %.0f MB): %.1f s, %.0f records/s\n", n, b / 1e6, e - s, n / (e - s) }'
# Heap used (KiB) = survivor + eden + old; old generation alone, sampled every 0.5 s during the export.
awk 'NR > 1 && $3 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; old = $8
  if (used > maxUsed) maxUsed = used; if (old > maxOld) maxOld = old; if (minOld == "" || old < minOld) minOld = old; n++ }
  END { printf "gateway heap during the export (%d samples): at most %.0f MiB used, old generation %.0f..%.0f MiB\n",
        n, maxUsed / 1024, minOld / 1024, maxOld / 1024 }' "$WORK/gc.txt"

echo
stats() { # label
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $(token agency-nso)" \
    -H "LDX-Purpose: labour-statistics" \
    "$GATEWAY/v1/datasets/sso-insured-persons/stats?groupBy=provinceCode,sex&measures=monthlyWage")
  printf 'stats over %d records by province and sex, sum of wages (%s): HTTP %s in %s s\n' "$RECORDS" "$1" ${out}
}
stats cold
stats warm
stats warm
