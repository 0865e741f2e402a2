"""Concurrency gate: N clients for S seconds of mixed reads and writes against one server.

Passes when there was no 5xx and no transport error, no update was lost (the versions handed out by accepted
changes of each contended record are exactly initial+1 .. final, the record holds the last one's text, the audit log
has one entry per accepted change), every accepted communication and customer is there, and the totals agree.

    python3 tests/reliability/concurrency.py [--db-url URL] [--clients 64] [--seconds 60]
"""
import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid
from urllib.parse import quote

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import frontline  # noqa: E402


class Client:
    """One keep-alive connection, reopened after an error."""

    def __init__(self, port, token):
        self.port, self.token, self.conn = port, token, None

    def call(self, method, path, body=None, headers=None):
        h = {"Authorization": "Bearer " + self.token}
        h.update(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                payload = r.read()
                return r.status, payload
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn = None
                if attempt == 1:
                    raise
        raise RuntimeError("unreachable")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db-url")
    p.add_argument("--port", type=int, default=18093)
    p.add_argument("--clients", type=int, default=int(os.environ.get("CONCURRENCY_CLIENTS", "64")))
    p.add_argument("--seconds", type=float, default=float(os.environ.get("CONCURRENCY_SECONDS", "60")))
    p.add_argument("--contended", type=int, default=6)
    a = p.parse_args()
    db_url = a.db_url
    if db_url is None:
        db_url, _ = frontline.fresh_sqlite_url("concurrency")
    elif db_url.startswith("postgres"):
        frontline.reset_postgres(db_url)
    os.environ.setdefault("SERVER_LOG_LEVEL", "warning")
    server = frontline.Server(db_url, a.port).start()
    base = server.base
    try:
        tokens = {u: frontline.login(base, u) for u in ["manager", "assistant", "gm", "rep1"]}
        admin = Client(a.port, tokens["manager"])
        rep1 = json.loads(frontline.request(base, "GET", "/api/v1/me", tokens["rep1"])[2])["user"]["id"]
        contended = []
        for i in range(a.contended):
            s, d = admin.call("POST", "/api/v1/customers", {"name": f"并发客户{i}-{uuid.uuid4().hex[:6]}", "owner_id": rep1})
            assert s == 201, d
            c = json.loads(d)
            contended.append({"id": c["id"], "initial": c["version"], "accepted": [], "comms": []})
        total_before = json.loads(admin.call("GET", "/api/v1/customers?limit=1")[1])["total"]

        lock = threading.Lock()
        stats = {"requests": 0, "5xx": [], "errors": [], "stale": 0, "unexpected": [], "latency": []}
        created = []
        deadline = time.time() + a.seconds

        def worker(n):
            rnd = random.Random(n)
            c = Client(a.port, tokens[["manager", "assistant", "gm", "rep1"][n % 4]])
            seq = 0
            local_lat = []
            while time.time() < deadline:
                seq += 1
                target = rnd.choice(contended)
                roll = rnd.random()
                t0 = time.perf_counter()
                try:
                    if roll < 0.30:
                        sort = rnd.choice(["name", "-updated_at", "id", "-created_at"])
                        s, d = c.call("GET", f"/api/v1/customers?limit=20&sort={sort}")
                        ok = s == 200
                    elif roll < 0.45:
                        s, d = c.call("GET", f"/api/v1/customers/{target['id']}")
                        ok = s == 200
                    elif roll < 0.75:
                        s, d = c.call("GET", f"/api/v1/customers/{target['id']}")
                        version = json.loads(d)["version"]
                        marker = f"c{n}-{seq}"
                        s, d = c.call("PATCH", f"/api/v1/customers/{target['id']}", {"notes": marker, "version": version})
                        ok = s in (200, 409)
                        with lock:
                            if s == 200:
                                target["accepted"].append((json.loads(d)["version"], marker))
                            elif s == 409:
                                stats["stale"] += 1
                    elif roll < 0.90:
                        marker = f"通话 c{n}-{seq}"
                        s, d = c.call("POST", f"/api/v1/customers/{target['id']}/communications", {"kind": "call", "summary": marker})
                        ok = s == 201
                        if ok:
                            with lock:
                                target["comms"].append(marker)
                    else:
                        name = f"新客户-{n}-{seq}-{uuid.uuid4().hex[:6]}"
                        s, d = c.call("POST", "/api/v1/customers", {"name": name})
                        ok = s == 201
                        if ok:
                            with lock:
                                created.append((json.loads(d)["id"], name))
                except Exception as e:  # noqa: BLE001 — every transport failure is a finding
                    with lock:
                        stats["errors"].append(repr(e))
                    continue
                local_lat.append(time.perf_counter() - t0)
                with lock:
                    stats["requests"] += 1 + (1 if 0.45 <= roll < 0.75 else 0)
                    if s >= 500:
                        stats["5xx"].append((s, d[:200]))
                    elif not ok:
                        stats["unexpected"].append((s, d[:200]))
            with lock:
                stats["latency"].extend(local_lat)

        started = time.time()
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(a.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - started

        problems = []
        if stats["5xx"]:
            problems.append(f"{len(stats['5xx'])} server errors, e.g. {stats['5xx'][:3]}")
        if stats["errors"]:
            problems.append(f"{len(stats['errors'])} transport errors, e.g. {stats['errors'][:3]}")
        if stats["unexpected"]:
            problems.append(f"{len(stats['unexpected'])} unexpected answers, e.g. {stats['unexpected'][:3]}")
        gm = Client(a.port, tokens["gm"])
        accepted_updates = 0
        for t in contended:
            s, d = admin.call("GET", f"/api/v1/customers/{t['id']}")
            final = json.loads(d)
            versions = sorted(v for v, _ in t["accepted"])
            accepted_updates += len(versions)
            if versions != list(range(t["initial"] + 1, final["version"] + 1)):
                problems.append(f"customer {t['id']}: accepted versions {versions[:5]}… do not run {t['initial'] + 1}..{final['version']}")
            if t["accepted"]:
                last = max(t["accepted"])[1]
                if final["notes"] != last:
                    problems.append(f"customer {t['id']}: notes {final['notes']!r}, last accepted write was {last!r}")
            s, d = gm.call("GET", f"/api/v1/audit?entity=customer&entity_id={t['id']}&action=update&limit=1")
            audited = json.loads(d)["total"]
            if audited != len(t["accepted"]):
                problems.append(f"customer {t['id']}: {audited} audited updates for {len(t['accepted'])} accepted")
            seen = set()
            offset = 0
            while True:
                s, d = admin.call("GET", f"/api/v1/customers/{t['id']}/communications?limit=200&offset={offset}")
                page = json.loads(d)
                seen.update(i["summary"] for i in page["items"])
                offset += 200
                if offset >= page["total"]:
                    break
            missing = [m for m in t["comms"] if m not in seen]
            if missing:
                problems.append(f"customer {t['id']}: {len(missing)} accepted communications missing")
            if page["total"] != len(t["comms"]):
                problems.append(f"customer {t['id']}: {page['total']} communications for {len(t['comms'])} accepted")
        for cid, name in created:
            s, d = admin.call("GET", f"/api/v1/customers/{cid}")
            if s != 200 or json.loads(d)["name"] != name:
                problems.append(f"created customer {cid} {name!r} not found as created ({s})")
        total_after = json.loads(admin.call("GET", "/api/v1/customers?limit=1")[1])["total"]
        if total_after != total_before + len(created):
            problems.append(f"customer total {total_after} != {total_before} + {len(created)} created")
    finally:
        server.stop()
    code, out = server.command("check")
    if code != 0:
        problems.append("integrity: " + out.strip())
    lat = sorted(stats["latency"]) or [0]
    kind = db_url.split(":")[0]
    print(f"concurrency on {kind}: {a.clients} clients, {elapsed:.0f} s, {stats['requests']} requests "
          f"({stats['requests'] / elapsed:.0f}/s), p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
          f"p99 {lat[int(len(lat) * 0.99)] * 1000:.0f} ms; accepted updates {accepted_updates}, stale refused (409) "
          f"{stats['stale']}, communications {sum(len(t['comms']) for t in contended)}, customers created {len(created)}; "
          f"5xx {len(stats['5xx'])}")
    for pr in problems:
        print("PROBLEM:", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
