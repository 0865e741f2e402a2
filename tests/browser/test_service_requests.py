"""Real-browser walk of a service request (SPEC §3.4): the rep asks from his customer's page, Customer Service
gives its verdict, and the rep sees it on his home page, the customer's page and the request."""
import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_customers import BASE, browser, login, navigate, pick  # noqa: F401 (fixture)


def step_form(driver, action):
    return driver.find_element(By.XPATH, f"//form[.//button[@name='action' and @value='{action}']]")


def test_a_reps_request_receives_customer_services_verdict_and_the_rep_sees_it(browser):
    title = "浏览器服务请求" + uuid.uuid4().hex[:6]
    login(browser, "rep1")
    browser.get(BASE + "/customers?q=" + "上海浦江")
    navigate(browser, browser.find_element(By.LINK_TEXT, "上海浦江智能制造有限公司"))
    navigate(browser, browser.find_element(By.LINK_TEXT, "提交服务请求"))
    form = browser.find_element(By.ID, "service-request-form")
    assert form.find_element(By.NAME, "customer_id").get_attribute("value").startswith("上海浦江智能制造有限公司 #")
    Select(form.find_element(By.NAME, "kind")).select_by_visible_text("故障维修")
    form.find_element(By.NAME, "title").send_keys(title)
    form.find_element(By.NAME, "detail").send_keys("3 号线数据采集网关离线，影响生产看板。")
    form.find_element(By.NAME, "location").send_keys("3 号车间")
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "service-facts")))
    url = browser.current_url
    assert re.search(r"/service-requests/\d+$", url), url
    number = browser.find_element(By.CSS_SELECTOR, ".header-card h1").text.split()[-1]
    assert "待答复" in browser.find_element(By.CSS_SELECTOR, ".header-card .meta .badge").text
    # The rep is not offered the verdict: the Market Department does not judge feasibility.
    assert not browser.find_elements(By.CSS_SELECTOR, "button[name=action][value=answer]")

    login(browser, "rep2")  # another rep's customer: not his to see
    browser.get(url)
    assert title not in browser.page_source

    login(browser, "cs1")
    browser.get(url)
    form = step_form(browser, "answer")
    Select(form.find_element(By.NAME, "verdict")).select_by_visible_text("有条件可行")
    form.find_element(By.NAME, "text").send_keys("备件有库存，可以上门更换。")
    form.find_element(By.NAME, "conditions").send_keys("客户安排两小时停机窗口。")
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[value=answer]"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "verdict")))
    assert "可行·待安排" in browser.find_element(By.CSS_SELECTOR, ".header-card .meta .badge").text

    login(browser, "rep1")
    mine = browser.find_element(By.ID, "service-mine").text
    assert number in mine and "有条件可行" in mine
    navigate(browser, browser.find_element(By.LINK_TEXT, number))
    verdict = browser.find_element(By.ID, "verdict").text
    assert "有条件可行" in verdict and "客户安排两小时停机窗口" in verdict and "孙磊" in verdict
    assert "答复可行性" in browser.find_element(By.ID, "history").text
    navigate(browser, browser.find_element(By.LINK_TEXT, "上海浦江智能制造有限公司"))
    assert number in browser.find_element(By.ID, "customer-service-requests").text
