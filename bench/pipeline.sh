#!/usr/bin/env bash
# Benchmark of the pipeline (issue 12): seeds N customers (with 2 contacts, 10 communications and 3 opportunities
# each: 100,000 → 200,000 contacts, 1,000,000 communications, 300,000 opportunities) into a scratch SQLite file,
# serves them with a release build and measures with wrk the opportunity list as the manager and as a rep, the
# pipeline totals, the kanban board page and the pool list. Figures go to bench/results/pipeline.txt and are copied
# into docs/benchmarks.md by hand with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18093}
OUT=bench/results/pipeline.txt
. bench/lib.sh
run "GET /api/v1/opportunities, manager, limit=50 (newest changed first)" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50"
run "GET /api/v1/opportunities, manager, open, largest first" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50&open=true&sort=-amount"
run "GET /api/v1/opportunities, rep1 (his and his customers')" -H "Authorization: Bearer $REP" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50"
run "GET /api/v1/opportunities/pipeline, manager" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities/pipeline"
run "kanban board page, manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/opportunities/board"
echo "server RSS (KiB): $(ps -o rss= -p $PID)" | tee -a "$OUT"
