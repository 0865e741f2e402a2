"""Helpers shared by the Python test scripts: start a Frontline server on a database, sign in, call the API."""
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("FRONTLINE_BIN", os.path.join(ROOT, ".build", "debug", "frontline"))
PASSWORD = "frontline2026"
ROLES_LOGINS = ["gm", "manager", "assistant", "rep1", "rep2", "csmanager", "cs1", "finance", "admin"]


def fresh_sqlite_url(name):
    d = tempfile.mkdtemp(prefix=f"frontline-{name}-")
    return f"sqlite://{d}/{name}.sqlite", d


def reset_postgres(url):
    """Empties the PostgreSQL database named by url (our DATABASE_URL form)."""
    libpq = url.split("?")[0]
    subprocess.run(["psql", libpq, "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
                   stdout=subprocess.DEVNULL)


class Server:
    """A `frontline serve` process on its own database and port."""

    def __init__(self, db_url, port, demo=True, log_path=None):
        self.db_url, self.port, self.demo = db_url, port, demo
        self.log_path = log_path or tempfile.mktemp(prefix="frontline-server-", suffix=".log")
        self.proc = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def env(self):
        e = dict(os.environ)
        e.update(DATABASE_URL=self.db_url, LOG_LEVEL=os.environ.get("SERVER_LOG_LEVEL", "info"), PORT=str(self.port),
                 LOGIN_THROTTLE="1000")
        return e

    def start(self, timeout=60):
        args = [BIN, "serve", "--port", str(self.port)] + (["--demo"] if self.demo else [])
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, env=self.env(), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer in {timeout}s; see {self.log_path}")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    def command(self, *args):
        """Runs another `frontline` subcommand on the same database; answers (exit code, output)."""
        r = subprocess.run([BIN, *args], env=self.env(), capture_output=True, text=True)
        return r.returncode, r.stdout + r.stderr


def request(base, method, path, token=None, body=None, headers=None, raw=None, timeout=30):
    """One HTTP call; answers (status, headers dict, body bytes). Never raises on HTTP errors."""
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    elif raw is not None:
        data = raw
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.title(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.title(): v for k, v in e.headers.items()}, e.read()


def login(base, username, password=PASSWORD):
    status, _, body = request(base, "POST", "/api/v1/auth/login", body={"username": username, "password": password})
    if status != 200:
        raise RuntimeError(f"login {username}: {status} {body[:200]!r}")
    return json.loads(body)["token"]


class WebSession:
    """A signed-in browser-like session (cookies and the CSRF field), for checking HTML pages without a browser."""

    def __init__(self, base, username, password=PASSWORD):
        import http.cookiejar
        import re
        import urllib.parse
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.opener.open(base + "/login", timeout=30).read().decode()
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"_csrf": self.csrf, "username": username, "password": password}).encode()
        r = self.opener.open(urllib.request.Request(base + "/login", data=form, method="POST"), timeout=30)
        if "/login" in r.geturl():
            raise RuntimeError(f"web login {username} failed")

    def get(self, path):
        """Answers (status, headers, body) without following a redirect to the login page silently."""
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                status = 401 if "/login" in r.geturl() and not path.startswith("/login") else r.status
                return status, {k.title(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.title(): v for k, v in e.headers.items()}, e.read()
