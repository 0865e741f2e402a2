#!/usr/bin/env bash
# Benchmark of the one listing every kind shares (issue 25, "the one listing, fast"): N customers seeded by
# `seed --scale` (100,000 → 200,000 contacts, 300,000 opportunities, 1,000,000 communications) in a scratch SQLite
# file, or PostgreSQL with PG_URL; a release build; wrk at CONN connections on the first page of each list, with and
# without a search or filter, as the market manager and as a rep — then the 100,000-row customer export, timed.
# Figures go to bench/results/lists.txt; docs/benchmarks.md keeps them with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18095}
OUT=bench/results/lists.txt
. bench/lib.sh
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
api() { echo "http://127.0.0.1:$PORT/api/v1/$1"; }
run "customers?q= matches nothing (鑫鑫鑫), manager" -H "Authorization: Bearer $MANAGER" "$(api "customers?limit=50&q=$(enc 鑫鑫鑫)")"
run "customers?q= a rare fragment (公司4567号), manager" -H "Authorization: Bearer $MANAGER" "$(api "customers?limit=50&q=$(enc 公司4567号)")"
run "customers?q= a common fragment (华信), manager" -H "Authorization: Bearer $MANAGER" "$(api "customers?limit=50&q=$(enc 华信)")"
run "customers?q= matches nothing (鑫鑫鑫), rep1" -H "Authorization: Bearer $REP" "$(api "customers?limit=50&q=$(enc 鑫鑫鑫)")"
run "customers, manager" -H "Authorization: Bearer $MANAGER" "$(api "customers?limit=50")"
run "opportunities, manager" -H "Authorization: Bearer $MANAGER" "$(api "opportunities?limit=50")"
run "opportunities, rep1" -H "Authorization: Bearer $REP" "$(api "opportunities?limit=50")"
run "opportunities open by amount, manager" -H "Authorization: Bearer $MANAGER" "$(api "opportunities?limit=50&open=true&sort=-amount")"
run "contracts, manager" -H "Authorization: Bearer $MANAGER" "$(api "contracts?limit=50")"
run "quotations, manager" -H "Authorization: Bearer $MANAGER" "$(api "quotations?limit=50")"
run "leads, manager" -H "Authorization: Bearer $MANAGER" "$(api "leads?limit=50")"
run "customer list page, manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/customers"
for format in csv xlsx; do
  start=$(date +%s.%N)
  bytes=$(curl -sf -H "Authorization: Bearer $MANAGER" "$(api "customers/export?format=$format")" | wc -c)
  echo "customers/export?format=$format, manager: $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s, $bytes bytes" | tee -a "$OUT"
done
echo "server RSS (KiB): $(ps -o rss= -p $PID); database: $(dbsize)" | tee -a "$OUT"
