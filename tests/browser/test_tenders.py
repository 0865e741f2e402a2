"""Real-browser walk of one tender (SPEC §3.1): the assistant opens it and writes the commercial parts, the CS manager
assigns the technical bid, the engineer uploads it, the bid review passes, the assistant assembles and submits the
package, and the win opens a contract draft."""
import datetime
import os
import re
import tempfile
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_customers import BASE, browser, login, navigate, pick  # noqa: F401 (fixture)
from test_contracts import state, take


def upload(driver, part, name, text):
    path = os.path.join(tempfile.mkdtemp(), name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    form = driver.find_element(By.CSS_SELECTOR, f"#part-{part} form")
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#part-{part} table")))
    assert name in driver.find_element(By.ID, f"part-{part}").text


def test_a_tender_goes_from_opening_to_a_won_contract_with_the_right_people(browser):
    title = "浏览器标书" + uuid.uuid4().hex[:6]
    cst = datetime.timezone(datetime.timedelta(hours=8))
    deadline = (datetime.datetime.now(cst) + datetime.timedelta(days=2)).strftime("%Y-%m-%dT09:30")
    login(browser, "assistant")
    browser.get(BASE + "/tenders/new")
    pick(browser, browser.find_element(By.NAME, "customer_id"), "上海浦江智能制造有限公司")  # rep1's
    browser.find_element(By.NAME, "title").send_keys(title)
    browser.find_element(By.NAME, "tender_no").send_keys("SHZB-2026-" + uuid.uuid4().hex[:4])
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.NAME, "deadline"), deadline)
    browser.find_element(By.NAME, "bid_amount").send_keys("356,000")
    browser.find_element(By.NAME, "deposit_amount").send_keys("7000")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "tender-facts")))
    url = browser.current_url
    assert re.search(r"/tenders/\d+$", url), url
    assert "编制中" in state(browser)
    assert "叁拾伍万陆仟元整" in browser.find_element(By.ID, "tender-facts").text
    upload(browser, "commercial", "商务标.txt", "商务标正文")
    upload(browser, "quotation", "报价一览表.txt", "报价")
    assert not browser.find_elements(By.CSS_SELECTOR, "#part-technical form"), "the technical bid is not the assistant's"
    browser.get(BASE + "/")
    assert title in browser.find_element(By.ID, "tenders-due").text, "the deadline in two days is on the home page"

    login(browser, "csmanager")
    browser.get(url)
    Select(browser.find_element(By.NAME, "engineer_id")).select_by_visible_text("孙磊")
    take(browser, "assign")
    login(browser, "cs1")
    browser.get(url)
    upload(browser, "technical", "技术方案.txt", "技术方案正文")

    login(browser, "assistant")
    browser.get(url)
    take(browser, "open_review")  # the manager and the engineer are ticked as reviewers
    assert "标书评审中" in state(browser)
    login(browser, "manager")
    browser.get(url)
    take(browser, "review")
    login(browser, "cs1")
    browser.get(url)
    take(browser, "review")
    assert "评审通过" in state(browser)

    login(browser, "assistant")
    browser.get(url)
    take(browser, "assemble")
    package = browser.find_element(By.ID, "package").text
    assert "商务标 v1" in package and "技术标 v1" in package
    assert browser.find_element(By.CSS_SELECTOR, "#package a[href$='/package']")
    take(browser, "submit")
    assert "已投标" in state(browser)
    take(browser, "win")
    assert "中标" in state(browser)
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "#result a[href^='/contracts/']"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "contract-facts")))
    assert "草稿" in state(browser)
    assert "356,000.00" in browser.find_element(By.ID, "contract-facts").text
    history_url = url
    browser.get(history_url)
    history = browser.find_element(By.ID, "history").text
    for step in ("指派技术标工程师", "上传文件", "发起标书评审", "总成投标文件包", "确认已投标", "登记中标"):
        assert step in history, step
