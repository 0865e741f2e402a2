"""Two `frontline serve` processes on one database, as a load-balanced deployment runs: the same change sent to
both at once is taken once.

For every versioned record kind, same-version PATCHes alternate between the two servers; for each process, one
step (send, approve, sign_commercial, pay_deposit, an implementation's assign) is taken on both at once, half of the callers naming the version.
Passes when each race has exactly one success, the others are 409, nothing answers 5xx, the record's history holds
the step once, and `frontline check` finds the database healthy.

    python3 tests/reliability/two_servers.py [--db-url URL] [--callers 8]
"""
import argparse
import json
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import frontline  # noqa: E402


def race(bases, token, method, path, bodies):
    """Sends every body at once, alternating servers; answers the statuses."""
    out = [None] * len(bodies)
    gate = threading.Barrier(len(bodies))

    def one(i):
        gate.wait()
        status, _, body = frontline.request(bases[i % len(bases)], method, path, token=token, body=bodies[i])
        out[i] = (status, body[:300])

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def items(base, token, path):
    status, _, body = frontline.request(base, "GET", path, token=token)
    assert status == 200, (path, status, body[:200])
    return json.loads(body)["items"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db-url")
    p.add_argument("--callers", type=int, default=8)
    p.add_argument("--port", type=int, default=18093)
    a = p.parse_args()
    db_url = a.db_url
    if db_url is None:
        db_url, _ = frontline.fresh_sqlite_url("two-servers")
    elif db_url.startswith("postgres"):
        frontline.reset_postgres(db_url)
    first = frontline.Server(db_url, a.port).start()
    second = frontline.Server(db_url, a.port + 1, demo=False).start()
    bases = [first.base, second.base]
    failures = []
    try:
        tokens = {u: frontline.login(first.base, u) for u in ["assistant", "admin", "manager", "csmanager", "finance"]}

        def check(label, statuses, history=None):
            won = [s for s in statuses if 200 <= s[0] < 300]
            lost = [s for s in statuses if s[0] == 409]
            broken = [s for s in statuses if s[0] >= 500]
            ok = len(won) == 1 and len(lost) == len(statuses) - 1 and not broken
            if history is not None:
                path, action = history
                steps = [e for e in items(first.base, tokens["manager"], path) if e["action"] == action]
                ok = ok and len(steps) == 1
            print(f"{label:48s} {'ok' if ok else 'FAILED'} {sorted(s[0] for s in statuses)}", flush=True)
            if not ok:
                failures.append((label, statuses))

        # Same-version edits of every versioned record kind.
        kinds = [
            ("/api/v1/products", "name", "assistant", "/api/v1/products"),
            ("/api/v1/customers?limit=1&sort=id", "notes", "assistant", "/api/v1/customers"),
            ("/api/v1/quotations?state=draft", "title", "assistant", "/api/v1/quotations"),
            ("/api/v1/contracts?state=draft", "title", "assistant", "/api/v1/contracts"),
            ("/api/v1/tenders?state=preparing", "title", "assistant", "/api/v1/tenders"),
            ("/api/v1/regions", "name", "admin", "/api/v1/regions"),
            ("/api/v1/users", "display_name", "admin", "/api/v1/users"),
        ]
        for listing, field, who, base in kinds:
            record = items(first.base, tokens[who], listing)[0]
            bodies = [{field: f"两台服务器{i}", "version": record["version"]} for i in range(a.callers)]
            check(f"PATCH {base}/{record['id']}", race(bases, tokens[who], "PATCH", f"{base}/{record['id']}", bodies))

        # One step of each process, taken on both servers at once.
        # A step that may be taken again from where it leads (assign) is told apart from a race only by the version.
        def step(label, who, listing, route, action, body, pick=lambda r: True, history=True, repeatable=False):
            record = next(r for r in items(first.base, tokens[who], listing) if pick(r))
            bodies = [dict(body, **({"version": record["version"]} if repeatable or i % 2 == 0 else {})) for i in range(a.callers)]
            path = f"/api/v1/{route}/{record['id']}"
            check(f"{label} {path}", race(bases, tokens[who], "POST", f"{path}/{action}", bodies), (f"{path}/history", action) if history else None)

        step("send", "assistant", "/api/v1/quotations?state=draft", "quotations", "send", {}, lambda r: not r.get("needs_approval"))
        step("approve", "manager", "/api/v1/approvals?box=inbox", "approvals", "approve", {"comment": "同意"}, history=False)
        # These may leave the record's state where it was: every caller names the version (the API asks for it).
        step("sign_commercial", "manager", "/api/v1/contracts?state=approved", "contracts", "sign_commercial", {}, repeatable=True)
        step("pay_deposit", "finance", "/api/v1/tenders?deposit=unpaid", "tenders", "pay_deposit", {}, repeatable=True)
        engineers = [u["id"] for u in items(first.base, tokens["admin"], "/api/v1/users") if "cs_engineer" in u["roles"]][:1]
        step("assign", "csmanager", "/api/v1/implementations?state=open", "implementations", "assign", {"engineers": engineers}, repeatable=True)
    finally:
        second.stop()
        first.stop()
    code, out = first.command("check")
    print(out.strip())
    if code != 0:
        failures.append(("check", out))
    print(f"two servers on {db_url.split(':')[0]}: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
