"""Fuzzes every operation of the OpenAPI document with schemathesis, signed in as each role in turn, against a
server holding the demo company; then checks the database's integrity. Exit 0 only when all of it passed.

    python3 tests/fuzz/run_fuzz.py [--db-url URL] [--port 18091] [--examples 25 | --budget 4800] [--seed N]

CI gives a fixed budget (FUZZ_BUDGET: examples in all, spread over every operation and role), so the run takes about
as long however many operations exist; the seed follows the commit, so successive runs explore different inputs
(FUZZ_SEED fixes it to replay one). `scripts/test.sh --full` sets a large budget.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import frontline  # noqa: E402

# Everybody who signs in, the administrator last: his run changes users and limits.
ROLES = ["manager", "rep1", "assistant", "gm", "finance", "cs1", "csmanager", "admin"]
# The coverage phase (every boundary of every schema) costs about three and a half minutes a role whatever the budget:
# in CI it runs for the market manager and a rep on SQLite and for a CS engineer on PostgreSQL (scripts/test.sh); the
# fuzzing and stateful phases run for everybody.
# FUZZ_COVERAGE_ROLES=all (scripts/test.sh --full) runs it for every role.
COVERAGE_ROLES = set(ROLES) if os.environ.get("FUZZ_COVERAGE_ROLES", "") == "all" else set(
    (os.environ.get("FUZZ_COVERAGE_ROLES") or "manager,rep1").split(","))
# One worker: CPython 3.11 can fail in ast.parse when hypothesis describes lambdas from two threads at once.
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
          "response_headers_conformance,negative_data_rejection,missing_required_header,unsupported_method,"
          "ignored_auth")


def commit_seed():
    """A seed from the commit being tested: the same commit replays the same inputs, the next one explores others."""
    if os.environ.get("FUZZ_SEED"):
        return int(os.environ["FUZZ_SEED"])
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        return int(head[:8], 16)
    except Exception:
        return 20261129


SEED = commit_seed()


def operation_count(server):
    with urllib.request.urlopen(server.base + "/api/v1/openapi.json") as r:
        doc = json.load(r)
    return sum(1 for item in doc["paths"].values() for m in item if m in ("get", "post", "put", "patch", "delete"))


def schemathesis(server, token, examples, extra):
    args = ["st", "run", server.base + "/api/v1/openapi.json", "--url", server.base + "/api/v1",
            "-H", f"Authorization: Bearer {token}", "--checks", CHECKS, "-n", str(examples), "--workers", "1",
            "--no-color", "--seed", str(SEED), *extra]
    r = subprocess.run(args, capture_output=True, text=True)
    out = r.stdout + r.stderr
    m = re.search(r"(\d+) generated", out)
    return r.returncode, int(m.group(1)) if m else 0, out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db-url")
    p.add_argument("--port", type=int, default=18091)
    p.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "0")))
    p.add_argument("--budget", type=int, default=int(os.environ.get("FUZZ_BUDGET", "4800")))
    a = p.parse_args()
    db_url = a.db_url
    if db_url is None:
        db_url, _ = frontline.fresh_sqlite_url("fuzz")
    elif db_url.startswith("postgres"):
        frontline.reset_postgres(db_url)
    server = frontline.Server(db_url, a.port).start()
    failed = False
    total = 0
    try:
        # Tokens first: the login operation's fuzzing may throttle this address afterwards.
        tokens = {r: frontline.login(server.base, r) for r in ROLES + ["rep2"]}
        ops = operation_count(server)
        examples = a.examples or max(2, round(a.budget / (ops * len(ROLES))))
        print(f"fuzz: {ops} operations x {len(ROLES)} roles, {examples} examples each, seed {SEED}", flush=True)
        for role in ROLES:
            phases = "examples,coverage,fuzzing,stateful" if role in COVERAGE_ROLES else "examples,fuzzing,stateful"
            rc, n, out = schemathesis(server, tokens[role], examples, ["--exclude-path", "/auth/logout", "--phases", phases])
            total += n
            print(f"fuzz as {role:10s}: {n:6d} requests ({phases}), {'ok' if rc == 0 else 'FAILED'}", flush=True)
            if rc != 0:
                failed = True
                print(out[-6000:])
        rc, n, out = schemathesis(server, tokens["rep2"], 5, ["--include-path", "/auth/logout"])
        total += n
        print(f"fuzz logout as rep2: {n:4d} requests, {'ok' if rc == 0 else 'FAILED'}", flush=True)
        if rc != 0:
            failed = True
            print(out[-4000:])
    finally:
        server.stop()
    code, out = server.command("check")
    print(out.strip())
    if code != 0:
        failed = True
    print(f"fuzz total: {total} generated requests on {db_url.split(':')[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
