"""Real-browser tests: headless Chromium against a running Frontline with the demo company.

FRONTLINE_URL names the server (scripts/test.sh starts one)."""
import os
import time
import uuid

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("FRONTLINE_URL", "http://127.0.0.1:18080")
PASSWORD = "frontline2026"


@pytest.fixture
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--lang=zh-CN"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.implicitly_wait(3)
    yield driver
    driver.quit()


def navigate(driver, element, timeout=10):
    """Clicks what leads to another page and waits until that page has replaced this one: the old document goes
    stale and the new one has loaded. Waiting for an element alone can find it on the page being replaced."""
    # A mark on this page's window: a new document starts without it. (Waiting for the old element to go stale
    # works too, but Chromium sometimes answers that check with a generic error instead of "stale".)
    driver.execute_script("window.__frontlineOldPage = true;")
    element.click()

    def replaced(d):
        try:
            return d.execute_script("return window.__frontlineOldPage === undefined && document.readyState === 'complete'")
        except Exception:  # the document is changing under the script; ask again
            return False

    WebDriverWait(driver, timeout).until(replaced)


def login(driver, username):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.sidenav")))


def pick(driver, box, name):
    """Chooses `name` in a record picker as a person does: types it and takes the matching choice the list beside
    the box offers (`名称 #id`)."""
    box.clear()
    box.send_keys(name[:4])

    def offered(d):
        values = [o.get_attribute("value") for o in d.find_elements(By.CSS_SELECTOR, "#" + box.get_attribute("list") + " option")]
        return next((v for v in values if v.startswith(name + " #")), None)

    value = WebDriverWait(driver, 10).until(offered)
    box.clear()
    box.send_keys(value)
    return value


def search_customers(driver, text):
    driver.get(BASE + "/customers")
    box = driver.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    box.clear()
    box.send_keys(text)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "customer-list")))
    return driver.find_element(By.ID, "customer-list").text


def test_rep1_creates_finds_and_opens_a_customer_rep2_cannot_see_it(browser):
    name = "杭州钱塘浏览器测试有限公司" + uuid.uuid4().hex[:6]
    login(browser, "rep1")
    browser.get(BASE + "/customers/new")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "industry").send_keys("软件和信息技术服务")
    browser.find_element(By.NAME, "address").send_keys("浙江省杭州市钱塘区")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".header-card h1")))
    assert browser.find_element(By.CSS_SELECTOR, ".header-card h1").text == name

    listing = search_customers(browser, name[:8])
    assert name in listing
    navigate(browser, browser.find_element(By.LINK_TEXT, name))
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".header-card h1"), name))
    assert "陈伟" in browser.find_element(By.CSS_SELECTOR, ".header-card").text

    login(browser, "rep2")
    listing = search_customers(browser, name[:8])
    assert name not in listing
    browser.get(BASE + "/search?q=" + name)
    assert all(name not in t.text for t in browser.find_elements(By.CSS_SELECTOR, "#search-results table"))
    assert browser.find_element(By.ID, "search-nothing")


def test_inline_error_in_chinese_keeps_values(browser):
    login(browser, "rep1")
    browser.get(BASE + "/customers/new")
    browser.find_element(By.NAME, "name").send_keys("校验测试公司")
    browser.find_element(By.NAME, "credit_code").send_keys("91350100M000100Y44")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    err = browser.find_element(By.ID, "credit_code-error").text
    assert "校验位" in err
    assert browser.find_element(By.NAME, "name").get_attribute("value") == "校验测试公司"


def test_phone_width_menu_and_language_switch(browser):
    login(browser, "manager")
    browser.set_window_size(390, 844)
    browser.get(BASE + "/customers")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.sidenav")
    assert not nav.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label.nav-button").click()
    assert nav.is_displayed()
    browser.set_window_size(1280, 900)
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.lang button[value=en]"))
    wait_heading(browser, "Customers")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.lang button[value='zh-CN']"))
    wait_heading(browser, "客户")


def wait_heading(driver, text):
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            if text in driver.find_element(By.TAG_NAME, "h1").text:
                return
        except Exception:
            pass
        time.sleep(0.2)
    raise AssertionError("heading never showed " + text)


def test_a_phone_shows_home_the_customer_list_and_a_customer_without_sideways_scroll(browser):
    """At 390 px the pages people open most fit the screen: nothing scrolls sideways, and the top search is there to
    type into."""
    def fits():
        return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")

    for user in ("rep1", "manager"):
        browser.delete_all_cookies()
        login(browser, user)
        browser.set_window_size(390, 844)
        for path in ("/", "/customers"):
            browser.get(BASE + path)
            assert fits(), (user, path)
        row = browser.find_element(By.CSS_SELECTOR, "table.data tbody tr[data-href]")
        browser.get(BASE + row.get_attribute("data-href"))
        assert fits(), (user, "customer page")
        search = browser.find_element(By.CSS_SELECTOR, ".topbar .search input")
        assert search.is_displayed() and search.size["width"] >= 120, search.size
        browser.set_window_size(1280, 900)


def test_a_rep_logs_a_follow_up_marks_its_next_step_done_and_takes_it_back(browser):
    """The customer page leads with the follow-up: 写跟进 jumps to the form at the top of the main column; the saved
    contact shows in the log with its next step; 完成 marks it done and comes back to the same page saying so, with
    撤销 beside the message, which opens the step again."""
    login(browser, "rep1")
    browser.get(BASE + "/customers")
    row = browser.find_element(By.CSS_SELECTOR, "#customer-list tbody tr[data-href]")
    page = row.get_attribute("data-href")
    browser.get(BASE + page)
    write = browser.find_element(By.LINK_TEXT, "写跟进")
    write.click()
    summary = browser.find_element(By.ID, "f-summary")
    assert browser.switch_to.active_element == summary or summary.is_displayed()
    step = "寄送报价 " + uuid.uuid4().hex[:6]
    summary.send_keys("电话沟通了需求")
    browser.find_element(By.ID, "f-next_step").send_keys(step)
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "#comm-form button[type=submit]"))
    assert browser.find_element(By.ID, "notice").text.startswith("已保存")
    item = browser.find_element(By.XPATH, f"//ul[@id='timeline']/li[.//p[contains(., '{step}')]]")
    navigate(browser, item.find_element(By.CSS_SELECTOR, "form[action$='/done'] button"))
    assert browser.current_url.split("#")[0].endswith(page)
    notice = browser.find_element(By.ID, "notice")
    assert f"已完成：{step}" in notice.text
    item = browser.find_element(By.XPATH, f"//ul[@id='timeline']/li[.//p[contains(., '{step}')]]")
    assert not item.find_elements(By.CSS_SELECTOR, "form[action$='/done']"), "done: no button left"
    navigate(browser, notice.find_element(By.ID, "undo"))
    assert "已撤销" in browser.find_element(By.ID, "notice").text
    item = browser.find_element(By.XPATH, f"//ul[@id='timeline']/li[.//p[contains(., '{step}')]]")
    assert item.find_elements(By.CSS_SELECTOR, "form[action$='/done']"), "open again"


def test_a_picker_finds_a_customer_as_one_types(browser):
    """A customer picker asks the one search as one types: a customer beyond the list the page came with is offered
    after two characters, and the chosen one is the customer the record is saved for."""
    login(browser, "manager")
    browser.get(BASE + "/gifts/new")
    box = browser.find_element(By.NAME, "customer_id")
    assert box.get_attribute("data-pick") == "customer"
    box.send_keys("浦江")
    values = WebDriverWait(browser, 10).until(lambda d: [
        o.get_attribute("value") for o in d.find_elements(By.CSS_SELECTOR, "#f-customer_id-list option")
        if "浦江" in (o.get_attribute("value") or "")])
    assert all(" #" in v for v in values), values
