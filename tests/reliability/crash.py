"""Crash gate: kills the server with SIGKILL in the middle of write load, ROUNDS times, and restarts it.

After each kill: the database passes `frontline check`, the server starts cleanly, and every write the server had
acknowledged (201 for a customer or a communication, 200 for a change) is there.

    python3 tests/reliability/crash.py [--db-url URL] [--rounds 10] [--writers 8]
"""
import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import frontline  # noqa: E402
from concurrency import Client  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db-url")
    p.add_argument("--port", type=int, default=18094)
    p.add_argument("--rounds", type=int, default=int(os.environ.get("CRASH_ROUNDS", "10")))
    p.add_argument("--writers", type=int, default=8)
    a = p.parse_args()
    db_url = a.db_url
    if db_url is None:
        db_url, _ = frontline.fresh_sqlite_url("crash")
    elif db_url.startswith("postgres"):
        frontline.reset_postgres(db_url)
    os.environ.setdefault("SERVER_LOG_LEVEL", "warning")
    rnd = random.Random(20261129)
    server = frontline.Server(db_url, a.port).start()
    token = frontline.login(server.base, "manager")
    acked_customers = {}  # id -> name
    acked_comms = {}  # summary -> customer id
    acked_versions = {}  # customer id -> highest acknowledged version
    problems = []
    lock = threading.Lock()
    started = time.time()
    for round_no in range(1, a.rounds + 1):
        stop = threading.Event()

        def writer(n):
            c = Client(a.port, token)
            seq = 0
            while not stop.is_set():
                seq += 1
                try:
                    name = f"崩溃测试-{round_no}-{n}-{seq}-{uuid.uuid4().hex[:6]}"
                    s, d = c.call("POST", "/api/v1/customers", {"name": name})
                    if s == 201:
                        cid = json.loads(d)["id"]
                        with lock:
                            acked_customers[cid] = name
                        summary = f"记录 {name}"
                        s, d = c.call("POST", f"/api/v1/customers/{cid}/communications", {"kind": "visit", "summary": summary})
                        if s == 201:
                            with lock:
                                acked_comms[summary] = cid
                        s, d = c.call("PATCH", f"/api/v1/customers/{cid}", {"notes": "改过", "version": 1})
                        if s == 200:
                            with lock:
                                acked_versions[cid] = json.loads(d)["version"]
                    elif s >= 500:
                        with lock:
                            problems.append(f"round {round_no}: {s} {d[:200]!r}")
                except Exception:  # noqa: BLE001 — the server is being killed; unacknowledged writes may be lost
                    return

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(a.writers)]
        for t in threads:
            t.start()
        time.sleep(rnd.uniform(0.5, 2.0))
        server.stop(sig=signal.SIGKILL)
        stop.set()
        for t in threads:
            t.join()
        code, out = server.command("check")
        if code != 0:
            problems.append(f"round {round_no}: integrity after the kill: {out.strip()}")
        try:
            server = frontline.Server(db_url, a.port, demo=False, log_path=server.log_path).start(timeout=60)
        except RuntimeError as e:
            problems.append(f"round {round_no}: restart failed: {e}")
            break
        c = Client(a.port, token)
        lost = [cid for cid, name in acked_customers.items()
                if (lambda r: r[0] != 200 or json.loads(r[1])["name"] != name)(c.call("GET", f"/api/v1/customers/{cid}"))]
        if lost:
            problems.append(f"round {round_no}: {len(lost)} acknowledged customers lost, e.g. {lost[:5]}")
        for cid, v in acked_versions.items():
            s, d = c.call("GET", f"/api/v1/customers/{cid}")
            if s != 200 or json.loads(d)["version"] < v:
                problems.append(f"round {round_no}: acknowledged change of customer {cid} (version {v}) lost")
        by_customer = {}
        for summary, cid in acked_comms.items():
            by_customer.setdefault(cid, set()).add(summary)
        for cid, summaries in by_customer.items():
            s, d = c.call("GET", f"/api/v1/customers/{cid}/communications?limit=200")
            have = {i["summary"] for i in json.loads(d)["items"]} if s == 200 else set()
            if not summaries <= have:
                problems.append(f"round {round_no}: acknowledged communication of customer {cid} lost")
        print(f"crash round {round_no}: killed, check ok={code == 0}, restarted; acknowledged so far: "
              f"{len(acked_customers)} customers, {len(acked_comms)} communications, {len(acked_versions)} changes", flush=True)
    server.stop()
    code, out = server.command("check")
    if code != 0:
        problems.append("final integrity: " + out.strip())
    print(f"crash on {db_url.split(':')[0]}: {a.rounds} SIGKILLs in {time.time() - started:.0f} s, "
          f"{len(acked_customers)} acknowledged customers, {len(acked_comms)} communications, "
          f"{len(acked_versions)} changes, all present: {not problems}")
    for pr in problems:
        print("PROBLEM:", pr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
