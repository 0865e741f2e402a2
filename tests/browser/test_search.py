"""The one search from the top bar: a two-character fragment finds a rep's customer and opportunity, one click opens
it; another rep's search finds neither."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from test_customers import BASE, browser, login, navigate  # noqa: F401 (fixture)


def top_bar_search(browser, text):
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.clear()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "search-results")))
    return browser.find_element(By.ID, "search-results")


def test_a_fragment_in_the_top_bar_finds_the_reps_records_and_opens_one(browser):
    login(browser, "rep1")
    browser.get(BASE + "/")
    results = top_bar_search(browser, "西湖")
    assert "杭州西湖数据科技有限公司" in browser.find_element(By.ID, "search-customers").text
    deals = browser.find_element(By.ID, "search-opportunities")
    assert "杭州西湖MES 二期" in deals.text
    assert "西湖" in browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]").get_attribute("value")
    navigate(browser, deals.find_element(By.PARTIAL_LINK_TEXT, "杭州西湖MES"))
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "杭州西湖MES 二期"))
    assert "/opportunities/" in browser.current_url
    # One character is not a search: the reason, not a scan.
    results = top_bar_search(browser, "湖")
    assert browser.find_element(By.ID, "search-error").text

    login(browser, "rep2")
    browser.get(BASE + "/")
    results = top_bar_search(browser, "西湖")
    assert "杭州西湖" not in results.text
