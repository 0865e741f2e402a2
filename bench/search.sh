#!/usr/bin/env bash
# Benchmark of the one search (issue 12 item 8): N customers seeded by `seed --scale` (2 contacts, 10 communications
# and 3 opportunities each: 100,000 → 200,000 contacts, 300,000 opportunities, 1,000,000 communications) in a scratch
# SQLite file (or a copy of DB), a release build, and wrk at CONN connections on GET /api/v1/search: a fragment that
# matches nothing (the issue's case), a common two-character fragment, a rare one, a number, a phone fragment — as the
# market manager (reads everything) and as a rep (his own) — then the mix of them all, and the /search page.
# Figures go to bench/results/search.txt; docs/benchmarks.md keeps them with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18094}
OUT=bench/results/search.txt
. bench/lib.sh
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
search() { echo "http://127.0.0.1:$PORT/api/v1/search?q=$(enc "$1")"; }
run "search, manager: matches nothing (鑫鑫鑫)" -H "Authorization: Bearer $MANAGER" "$(search 鑫鑫鑫)"
run "search, manager: a common fragment (华信, 1 customer in 15)" -H "Authorization: Bearer $MANAGER" "$(search 华信)"
run "search, manager: every customer has it (有限)" -H "Authorization: Bearer $MANAGER" "$(search 有限)"
run "search, manager: a rare fragment (公司4567号)" -H "Authorization: Bearer $MANAGER" "$(search 公司4567号)"
run "search, manager: an opportunity number (SJ0000-00123)" -H "Authorization: Bearer $MANAGER" "$(search SJ0000-00123)"
run "search, manager: a mobile fragment (1300004)" -H "Authorization: Bearer $MANAGER" "$(search 1300004)"
run "search, rep1: a common fragment (华信)" -H "Authorization: Bearer $REP" "$(search 华信)"
run "search, rep1: matches nothing (鑫鑫鑫)" -H "Authorization: Bearer $REP" "$(search 鑫鑫鑫)"
# The mix: each request the next of these, as the manager.
LUA="$WORK/mix.lua"
{
  echo "local qs = {"
  for q in 鑫鑫鑫 华信 有限 公司4567号 SJ0000-00123 1300004 上海 软件 智能制造 联系人88 ERP 运维服务 91310000 杭州天成 无此客户; do echo "  \"/api/v1/search?q=$(enc "$q")\","; done
  echo "}"
  echo "local i = 0"
  echo "request = function() i = i + 1; return wrk.format('GET', qs[(i % #qs) + 1]) end"
} > "$LUA"
run "search, manager: a mix of 15 queries" -s "$LUA" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT"
run "search page, manager (华信)" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/search?q=$(enc 华信)"
echo "server RSS (KiB): $(ps -o rss= -p $PID); database: $(dbsize)" | tee -a "$OUT"
