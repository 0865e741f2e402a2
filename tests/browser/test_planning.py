"""Real-browser tests of a rep's action plan (the item rows of the form, submitted to the market manager, who
returns it with his reason) and of the visit calendar the business assistant schedules on."""
import datetime
import random
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_customers import BASE, browser, login, navigate  # noqa: F401 (fixture)


def test_a_rep_plans_a_month_and_the_manager_returns_it_with_his_reason(browser):
    goal = "浏览器计划目标" + uuid.uuid4().hex[:6]
    # A month of its own, years ahead, so every round makes a new plan.
    start = f"{random.randint(2040, 2990)}-{random.randint(1, 12):02d}-01"
    login(browser, "rep1")
    browser.get(BASE + "/action-plans/new?period=month")
    form = browser.find_element(By.ID, "plan-form")
    Select(form.find_element(By.NAME, "period")).select_by_value("month")
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "starts_on"), start)
    Select(form.find_element(By.NAME, "item_customer_id.0")).select_by_visible_text("上海浦江智能制造有限公司")
    Select(form.find_element(By.NAME, "item_kind.0")).select_by_value("visit")
    form.find_element(By.NAME, "item_goal.0").send_keys(goal)
    form.find_element(By.NAME, "item_goal.2").send_keys("整理竞品报价")
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "plan-items")))
    rows = browser.find_elements(By.CSS_SELECTOR, "#plan-items tbody tr")
    assert len(rows) == 2 and goal in rows[0].text, [r.text for r in rows]
    plan_url = browser.current_url
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.step-form button[value=submit]"))
    assert "待审阅" in browser.find_element(By.CSS_SELECTOR, ".header-card .meta").text
    login(browser, "manager")
    browser.get(plan_url)
    form = browser.find_element(By.XPATH, "//form[contains(@class,'step-form')][.//button[@value='return']]")
    form.find_element(By.NAME, "comment").send_keys("请补充高层拜访")
    button = form.find_element(By.CSS_SELECTOR, "button[value=return]")
    browser.execute_script("window.confirm = () => true;")
    navigate(browser, button)
    assert "已退回" in browser.find_element(By.CSS_SELECTOR, ".header-card .meta").text
    assert "请补充高层拜访" in browser.find_element(By.TAG_NAME, "body").text


def test_the_assistant_schedules_a_visit_and_it_shows_on_its_day(browser):
    visitors = "浏览器来访" + uuid.uuid4().hex[:6]
    day = datetime.date.today() + datetime.timedelta(days=random.randint(40, 3000))
    login(browser, "assistant")
    browser.get(BASE + "/visits/new")
    form = browser.find_element(By.ID, "visit-form")
    form.find_element(By.NAME, "visitors").send_keys(visitors)
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "starts_at"), f"{day}T09:00")
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "ends_at"), f"{day}T10:00")
    Select(form.find_element(By.NAME, "host_id")).select_by_visible_text("孙磊")
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "visit-facts")))
    browser.get(BASE + f"/visits/calendar?month={day.strftime('%Y-%m')}")
    cell = browser.find_element(By.CSS_SELECTOR, f"#visit-calendar td[data-day='{day}']")
    assert visitors in cell.text
