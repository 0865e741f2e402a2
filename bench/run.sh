#!/usr/bin/env bash
# Benchmark: seeds 100,000 customers into a scratch SQLite file, serves them with a release build and measures
# with wrk (Debian's wrk) the API list as the manager and as a rep with a filter, the HTML list, the tender list, the
# manager's home page (work counts, tender deadlines, next steps due), and the plain-text
# route of the same server (the stack's ceiling). Figures go to bench/results/ and are copied into
# docs/benchmarks.md by hand with the machine and the command.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PORT=${PORT:-18090}
DUR=${DUR:-20s}
CONN=${CONN:-64}
command -v wrk >/dev/null || apt-get install -y -qq wrk
if [ -z "${BIN:-}" ]; then
  swift build -c release --product frontline
  BIN=$(swift build -c release --show-bin-path)/frontline
fi
WORK=$(mktemp -d)
export DATABASE_URL="sqlite://$WORK/bench.sqlite" LOG_LEVEL=error
"$BIN" seed --scale "$N"
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
run() {
  echo "== $1"
  shift
  wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" | tee -a bench/results/latest.txt
}
: > bench/results/latest.txt
run "plaintext ceiling" "http://127.0.0.1:$PORT/bench/plaintext"
run "API list, manager, limit=50" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/customers?limit=50"
run "API list, rep1, tier=B, limit=50" -H "Authorization: Bearer $REP" "http://127.0.0.1:$PORT/api/v1/customers?limit=50&tier=B"
run "HTML list, manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/customers"
run "API tenders list, manager, limit=50" -H "Authorization: Bearer $MANAGER" "http://127.0.0.1:$PORT/api/v1/tenders?limit=50"
run "home page (work, tender deadlines, next steps), manager" -H "Cookie: fl_session=$SESSION" "http://127.0.0.1:$PORT/"
echo "server RSS (KiB): $(ps -o rss= -p $PID)" | tee -a bench/results/latest.txt
