"""Real-browser walk of one contract from draft to effective with the people SPEC §3.2 names."""
import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_customers import BASE, browser, login, navigate, pick  # noqa: F401 (fixture)


def state(driver):
    return driver.find_element(By.CSS_SELECTOR, ".header-card .meta .badge").text


def take(driver, action):
    navigate(driver, driver.find_element(By.CSS_SELECTOR, f"button[name=action][value={action}]"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".header-card h1")))


def test_a_contract_goes_from_draft_to_effective_with_the_right_people(browser):
    title = "浏览器合同" + uuid.uuid4().hex[:6]
    login(browser, "assistant")
    browser.get(BASE + "/contracts/new")
    pick(browser, browser.find_element(By.NAME, "customer_id"), "上海浦江智能制造有限公司")  # rep1's
    browser.find_element(By.NAME, "title").send_keys(title)
    browser.find_element(By.NAME, "amount").send_keys("120,000")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "milestones")))
    url = browser.current_url
    assert re.search(r"/contracts/\d+$", url), url
    assert "草稿" in state(browser)
    assert "120,000.00" in browser.find_element(By.ID, "contract-facts").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#milestones tbody tr")) == 3

    take(browser, "open_review")  # the manager and Customer Service are ticked as reviewers
    assert "评审中" in state(browser)

    login(browser, "rep2")  # another rep's customer: not his to see
    browser.get(url)
    assert "未找到" in browser.page_source or "404" in browser.title or "不存在" in browser.page_source

    login(browser, "manager")
    browser.get(url)
    take(browser, "review")
    login(browser, "cs1")
    browser.get(url)
    take(browser, "review")
    assert "评审通过" in state(browser)
    take(browser, "sign_technical")

    login(browser, "manager")
    browser.get(url)
    take(browser, "sign_commercial")

    login(browser, "assistant")
    browser.get(url)
    take(browser, "take_effect")
    assert "已生效" in state(browser)
    assert "已移交客户服务部" in browser.find_element(By.ID, "handoff").text
    history = browser.find_element(By.ID, "history").text
    for step in ("发起评审", "提交评审意见", "签署技术部分", "签署商务部分", "合同生效"):
        assert step in history, step
