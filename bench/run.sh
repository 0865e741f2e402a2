#!/usr/bin/env bash
# Benchmark: seeds 100,000 customers into a scratch SQLite file, serves them with a release build and measures
# with wrk (Debian's wrk) the API list as the manager and as a rep with a filter, the HTML list, the tender list, the
# manager's home page (work counts, tender deadlines, next steps due), and the plain-text
# route of the same server (the stack's ceiling). Figures go to bench/results/ and are copied into
# docs/benchmarks.md by hand with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
OUT=bench/results/latest.txt
. bench/lib.sh
run "plaintext ceiling" "http://127.0.0.1:$PORT/bench/plaintext"
run "API list, manager, limit=50" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/customers?limit=50"
run "API list, rep1, tier=B, limit=50" -H "Authorization: Bearer $REP" "http://127.0.0.1:$PORT/api/v1/customers?limit=50&tier=B"
run "HTML list, manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/customers"
run "API tenders list, manager, limit=50" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/tenders?limit=50"
run "home page (work, tender deadlines, next steps), manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/"
echo "server RSS (KiB): $(ps -o rss= -p $PID)" | tee -a "$OUT"
