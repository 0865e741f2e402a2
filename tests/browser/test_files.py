"""Real-browser check of every page that lists files (a service request's, an implementation's, a training's, a market
intelligence report's): the one who may add a file uploads it through the page's form, and the link the page then
shows opens — with the session cookie, for him and for another reader of the record. The links once pointed at the
API (`/api/v1/attachments/{id}`), which takes a bearer token only, so nobody signed in could download from these pages."""
import json
import os
import tempfile
import urllib.request
import uuid

import pytest
from selenium.webdriver.common.by import By

from test_customers import BASE, PASSWORD, browser, login, navigate  # noqa: F401 (fixture)


def api(method, path, token=None, body=None):
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(BASE + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def token(user):
    return api("POST", "/api/v1/auth/login", body={"username": user, "password": PASSWORD})["token"]


def first(path, user, keep=lambda item: True):
    return next(i for i in api("GET", path, token(user))["items"] if keep(i))["id"]


def status_of(driver, href):
    """What the browser gets when it follows `href` with its own cookies."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status)).catch(e => done(String(e)));", href)


PAGES = [
    # (page, the list it is found in, who adds files, another reader)
    ("service-requests", "/api/v1/service-requests?open=true&limit=200", "csmanager", "manager", lambda i: True),
    ("implementations", "/api/v1/implementations?limit=200", "csmanager", "gm", lambda i: i.get("state") != "completed"),
    ("trainings", "/api/v1/trainings?limit=200", "csmanager", "manager", lambda i: i.get("state") != "cancelled"),
    ("intelligence-reports", "/api/v1/intelligence-reports?limit=200", "rep1", "manager", None),
]


@pytest.mark.parametrize("page,listing,uploader,reader,keep", PAGES, ids=[p[0] for p in PAGES])
def test_a_file_added_on_the_page_opens_from_its_link_for_whoever_reads_the_record(browser, page, listing, uploader, reader, keep):
    if keep is None:  # a report of the rep's own: its files are the author's to add
        m = api("GET", "/api/v1/me", token(uploader))
        me = m.get("id") or m["user"]["id"]
        keep = lambda i: i.get("author_id") == me  # noqa: E731
    rid = first(listing, uploader, keep)
    name = f"page-file-{uuid.uuid4().hex[:8]}.pdf"
    path = os.path.join(tempfile.mkdtemp(), name)
    with open(path, "wb") as f:
        f.write(b"%PDF-1.4 browser file check")
    login(browser, uploader)
    browser.get(f"{BASE}/{page}/{rid}")
    form = browser.find_element(By.CSS_SELECTOR, f"form[action='/{page}/{rid}/files']")
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    link = browser.find_element(By.LINK_TEXT, name)
    href = link.get_attribute("href")
    assert "/api/" not in href, href
    assert status_of(browser, href) == 200
    login(browser, reader)
    browser.get(f"{BASE}/{page}/{rid}")
    assert status_of(browser, browser.find_element(By.LINK_TEXT, name).get_attribute("href")) == 200
