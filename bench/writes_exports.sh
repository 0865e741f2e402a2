#!/usr/bin/env bash
# Benchmark of writes and exports: creates customers at 64 connections (wrk with a script that gives every request a
# new name) on SQLite, or on PostgreSQL when PG_URL names one, then times the CSV export of the whole archive
# (N customers, 100,000 by default) with the server's resident memory before and after. Figures go to
# bench/results/writes_exports.txt and into docs/benchmarks.md by hand, with the machine and the command.
#
#     bash bench/writes_exports.sh                    # SQLite
#     PG_URL=postgres://… bash bench/writes_exports.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18094}
OUT=bench/results/writes_exports.txt
. bench/lib.sh
TOKEN=$MANAGER
cat > "$WORK/create.lua" <<LUA
local n = 0
local thread_id = 0
function setup(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
request = function()
  n = n + 1
  local body = '{"name":"压测客户-' .. id .. '-' .. n .. '-' .. math.random(1, 1000000000) .. '","tier":"C"}'
  return wrk.format("POST", "/api/v1/customers", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $TOKEN"}, body)
end
LUA
{
  echo "== $(date -u +%FT%TZ) on $DBKIND, $N customers"
  echo "== create customers, $CONN connections, $DUR"
  wrk -t2 -c"$CONN" -d"$DUR" --latency -s "$WORK/create.lua" "http://127.0.0.1:$PORT/"
  echo "server RSS before export (KiB): $(ps -o rss= -p $PID)"
  echo "== export every customer as CSV"
  curl -s -o "$WORK/export.csv" -w "export: %{http_code} %{size_download} bytes in %{time_total} s\n" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/customers/export?format=csv"
  echo "rows: $(($(wc -l < "$WORK/export.csv") - 1))"
  echo "server RSS after export (KiB): $(ps -o rss= -p $PID)"
} | tee -a "$OUT"
