"""Real-browser tests of the pipeline board (drag a card to move it; the form on the card without dragging) and of
the public lead form a company web site links to."""
import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_customers import BASE, browser, login, navigate, pick  # noqa: F401 (fixture)

# Chromium does not start HTML5 drag and drop from WebDriver's pointer actions, so the test dispatches the events a
# drag consists of, with one DataTransfer, as the browser would; the page's own script handles them.
DRAG = """
const card = arguments[0], column = arguments[1];
const data = new DataTransfer();
const fire = (target, type) => target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
fire(card, 'dragstart');
fire(column, 'dragenter');
fire(column, 'dragover');
fire(column, 'drop');
fire(card, 'dragend');
"""


def new_opportunity(driver, title):
    driver.get(BASE + "/opportunities/new")
    form = driver.find_element(By.ID, "opportunity-form")
    pick(driver, form.find_element(By.NAME, "customer_id"), "上海浦江智能制造有限公司")
    form.find_element(By.NAME, "title").send_keys(title)
    form.find_element(By.NAME, "amount").send_keys("250000")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "opportunity-facts")))
    return driver.current_url.rsplit("/", 1)[-1]


def column_of(driver, oid):
    return driver.find_element(By.ID, f"opp-{oid}").find_element(By.XPATH, "./ancestor::section[contains(@class,'kanban-col')]").get_attribute("data-stage")


def count_of(driver, stage):
    return driver.find_element(By.CSS_SELECTOR, f".kanban-col[data-stage={stage}] .count").text


def drag(driver, oid, stage):
    card = driver.find_element(By.ID, f"opp-{oid}")
    column = driver.find_element(By.CSS_SELECTOR, f".kanban-col[data-stage={stage}]")
    driver.execute_script("window.__frontlineOldPage = true;")
    driver.execute_script(DRAG, card, column)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.__frontlineOldPage === undefined && document.readyState === 'complete'"))


def test_dragging_a_card_moves_the_opportunity_and_the_columns_count_it(browser):
    title = "看板拖动商机" + uuid.uuid4().hex[:6]
    login(browser, "rep1")
    oid = new_opportunity(browser, title)
    browser.get(BASE + "/opportunities/board")
    assert column_of(browser, oid) == "contact"
    before = count_of(browser, "needs")
    drag(browser, oid, "needs")
    assert browser.current_url.endswith("/opportunities/board")
    assert column_of(browser, oid) == "needs"
    assert count_of(browser, "needs") != before
    # The move is a step like any other: the opportunity says so, with its history and the stage's probability.
    browser.get(BASE + f"/opportunities/{oid}")
    assert "需求确认" in browser.find_element(By.CSS_SELECTOR, ".header-card").text
    assert "25%" in browser.find_element(By.ID, "opportunity-facts").text
    assert "移至需求确认" in browser.find_element(By.ID, "actions").text
    # Dropped on "lost", the page's own dialog asks why and to whom: cancelled, nothing moves; answered without a
    # winner, it does not close; answered in full, the reason and the winner are recorded.
    browser.get(BASE + "/opportunities/board")
    card = browser.find_element(By.ID, f"opp-{oid}")
    browser.execute_script(DRAG, card, browser.find_element(By.CSS_SELECTOR, ".kanban-col[data-stage=lost]"))
    dialog = browser.find_element(By.ID, "lose-dialog")
    WebDriverWait(browser, 5).until(lambda d: dialog.get_attribute("open") is not None)
    dialog.find_element(By.CSS_SELECTOR, "button[value=cancel]").click()
    WebDriverWait(browser, 5).until(lambda d: dialog.get_attribute("open") is None)
    time.sleep(0.3)
    assert column_of(browser, oid) == "needs"
    card = browser.find_element(By.ID, f"opp-{oid}")
    browser.execute_script(DRAG, card, browser.find_element(By.CSS_SELECTOR, ".kanban-col[data-stage=lost]"))
    WebDriverWait(browser, 5).until(lambda d: dialog.get_attribute("open") is not None)
    dialog.find_element(By.NAME, "reason").send_keys("客户预算取消")
    dialog.find_element(By.CSS_SELECTOR, "button[value=lose]").click()
    time.sleep(0.3)
    assert dialog.get_attribute("open") is not None, "a loss without its winner is not sent"
    dialog.find_element(By.NAME, "winner").send_keys("某竞争对手")
    browser.execute_script("window.__frontlineOldPage = true;")
    dialog.find_element(By.CSS_SELECTOR, "button[value=lose]").click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return window.__frontlineOldPage === undefined && document.readyState === 'complete'"))
    assert column_of(browser, oid) == "lost"
    browser.get(BASE + f"/opportunities/{oid}")
    facts = browser.find_element(By.ID, "opportunity-facts").text
    assert "客户预算取消" in facts and "某竞争对手" in facts


def test_the_form_on_a_card_moves_it_without_dragging(browser):
    title = "看板表单商机" + uuid.uuid4().hex[:6]
    login(browser, "rep1")
    oid = new_opportunity(browser, title)
    browser.get(BASE + "/opportunities/board")
    card = browser.find_element(By.ID, f"opp-{oid}")
    # The choice starts at the card's own stage: pressing 移动 without choosing moves nothing.
    assert Select(card.find_element(By.NAME, "action")).first_selected_option.text == "初步接触"
    card.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    time.sleep(0.3)
    assert column_of(browser, oid) == "contact"
    card = browser.find_element(By.ID, f"opp-{oid}")
    Select(card.find_element(By.NAME, "action")).select_by_visible_text("方案设计")
    navigate(browser, card.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert column_of(browser, oid) == "solution"
    assert title in browser.find_element(By.CSS_SELECTOR, ".kanban-col[data-stage=solution]").text


def test_a_visitor_sends_the_public_lead_form_and_the_office_finds_the_lead(browser):
    company = "浏览器官网访客有限公司" + uuid.uuid4().hex[:6]
    browser.delete_all_cookies()
    browser.get(BASE + "/lead-form")
    form = browser.find_element(By.ID, "public-lead-form")
    assert not form.find_element(By.NAME, "website").is_displayed() or form.find_element(By.NAME, "website").location["x"] < 0, "the trap is out of sight"
    form.find_element(By.NAME, "company").send_keys(company)
    form.find_element(By.NAME, "contact_name").send_keys("访客王")
    form.find_element(By.NAME, "phone").send_keys("13912345678")
    form.find_element(By.NAME, "need").send_keys("想了解 ERP 云部署")
    # Sent at once, as a robot would: refused, and what was typed stays.
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    # The visitor's browser chooses the language (Chinese first, English when it asks for it).
    alert = browser.find_element(By.CSS_SELECTOR, ".alert").text
    assert "提交太快" in alert or "too fast" in alert, alert
    form = browser.find_element(By.ID, "public-lead-form")
    assert form.find_element(By.NAME, "company").get_attribute("value") == company
    time.sleep(3.5)
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    thanks = browser.find_element(By.ID, "lead-thanks").text
    assert "已收到" in thanks or "We have your message" in thanks, thanks
    # The office finds it, unowned, from the web form.
    login(browser, "manager")
    browser.get(BASE + "/leads?unowned=true&source=web_form")
    listing = browser.find_element(By.ID, "lead-list").text
    assert company in listing
