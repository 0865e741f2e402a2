# What every benchmark script shares: a release build (or BIN), a scratch SQLite file seeded with `seed --scale N`
# (or a copy of DB, seeded before; or the PostgreSQL database PG_URL, emptied and seeded, or with PG_SEEDED=1 used as
# it was seeded before), a server on PORT, tokens and a
# page session, and `run` (wrk with its latency distribution, appended to OUT). Sourced by every script here.
N=${N:-100000}
DUR=${DUR:-20s}
CONN=${CONN:-64}
command -v wrk >/dev/null || apt-get install -y -qq wrk
if [ -z "${BIN:-}" ]; then
  swift build -c release --product frontline
  BIN=$(swift build -c release --show-bin-path)/frontline
fi
WORK=$(mktemp -d)
export DATABASE_URL="sqlite://$WORK/bench.sqlite" LOG_LEVEL=error POOL_SWEEP_SECONDS=0 LOGIN_THROTTLE=100000
if [ -n "${PG_URL:-}" ]; then
  # PG_SEEDED=1: the database was seeded before (seeding 100,000 takes minutes); it is migrated and used as it is.
  [ -n "${PG_SEEDED:-}" ] || psql "${PG_URL%%\?*}" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  export DATABASE_URL="$PG_URL"
fi
if [ -n "${DB:-}" ] || [ -n "${PG_SEEDED:-}" ]; then
  [ -n "${PG_URL:-}" ] || cp "$DB" "$WORK/bench.sqlite"
  "$BIN" migrate >/dev/null
else
  start=$(date +%s)
  "$BIN" seed --scale "$N"
  echo "seed --scale $N: $(( $(date +%s) - start )) s"
fi
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
: > "$OUT"
count() { if [ -n "${PG_URL:-}" ]; then psql "${PG_URL%%\?*}" -tAc "select count(*) from $1"; else sqlite3 "$WORK/bench.sqlite" "select count(*) from $1"; fi; }
# Which database, and how large it is.
DBKIND=SQLite
[ -z "${PG_URL:-}" ] || DBKIND=PostgreSQL
dbsize() { if [ -n "${PG_URL:-}" ]; then psql "${PG_URL%%\?*}" -tAc "select pg_size_pretty(pg_database_size(current_database()))"; else du -h "$WORK/bench.sqlite" | cut -f1; fi; }
echo "$(date -u +%F) on $(nproc) cores, $DBKIND; customers: $(count customers); contacts: $(count contacts); opportunities: $(count opportunities); communications: $(count communications); search terms: $(count search_terms)" | tee -a "$OUT"
run() {
  echo "== $1" | tee -a "$OUT"
  shift
  wrk -t2 -c"$CONN" -d"$DUR" --latency "$@" | tee -a "$OUT"
}
