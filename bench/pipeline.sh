#!/usr/bin/env bash
# Benchmark of the pipeline (issue 12): seeds N customers (with 2 contacts, 10 communications and 3 opportunities
# each: 100,000 → 200,000 contacts, 1,000,000 communications, 300,000 opportunities) into a scratch SQLite file,
# serves them with a release build and measures with wrk the opportunity list as the manager and as a rep, the
# pipeline totals, the kanban board page and the pool list. Figures go to bench/results/pipeline.txt and are copied
# into docs/benchmarks.md by hand with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PORT=${PORT:-18093}
DUR=${DUR:-20s}
CONN=${CONN:-64}
command -v wrk >/dev/null || apt-get install -y -qq wrk
if [ -z "${BIN:-}" ]; then
  swift build -c release --product frontline
  BIN=$(swift build -c release --show-bin-path)/frontline
fi
WORK=$(mktemp -d)
export DATABASE_URL="sqlite://$WORK/bench.sqlite" LOG_LEVEL=error POOL_SWEEP_SECONDS=0
start=$(date +%s)
"$BIN" seed --scale "$N"
echo "seed --scale $N: $(( $(date +%s) - start )) s"
"$BIN" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
token() { curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"frontline2026\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])'; }
MANAGER=$(token manager)
REP=$(token rep1)
COOKIE=$(curl -s -c - -o /dev/null "http://127.0.0.1:$PORT/login" | awk '/fl_csrf/{print $7}')
SESSION=$(curl -s -i -b "fl_csrf=$COOKIE" -d "_csrf=$COOKIE&username=manager&password=frontline2026" \
  "http://127.0.0.1:$PORT/login" | awk -F'[=;]' '/fl_session=/{print $2; exit}')
mkdir -p bench/results
OUT=bench/results/pipeline.txt
: > "$OUT"
echo "seeded: $N customers; opportunities: $(sqlite3 "$WORK/bench.sqlite" 'select count(*) from opportunities'); communications: $(sqlite3 "$WORK/bench.sqlite" 'select count(*) from communications')" | tee -a "$OUT"
run() {
  echo "== $1" | tee -a "$OUT"
  shift
  wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" | tee -a "$OUT"
}
run "GET /api/v1/opportunities, manager, limit=50 (newest changed first)" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50"
run "GET /api/v1/opportunities, manager, open, largest first" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50&open=true&sort=-amount"
run "GET /api/v1/opportunities, rep1 (his and his customers')" -H "Authorization: Bearer $REP" "http://127.0.0.1:$PORT/api/v1/opportunities?limit=50"
run "GET /api/v1/opportunities/pipeline, manager" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/opportunities/pipeline"
run "kanban board page, manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/opportunities/board"
echo "server RSS (KiB): $(ps -o rss= -p $PID)" | tee -a "$OUT"
