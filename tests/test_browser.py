"""The pages in a real browser: headless Chromium (Debian's chromium and
chromium-driver packages) driven by Selenium against pytest-django's live server.

Skipped, with the reason, on a machine without Chromium, so that the rest of the
suite still runs there."""

import shutil

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import build_world

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,  # a real browser against a live server
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Chromium and its driver (apt-get install chromium chromium-driver)",
    ),
    # The live server reads what the test writes, so the data must be committed;
    # serialized_rollback restores the relationship vocabulary the migrations installed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAIT = 15  # seconds


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT * 2)
    yield driver
    driver.quit()


def wait_until(driver, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition)


@pytest.fixture
def world(live_server):
    return build_world()


def test_person_page_copies_a_citation(browser, live_server, world):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + world["serge"].get_absolute_url())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Victor Serge"
    button = browser.find_element(By.CSS_SELECTOR, "button.copy")
    assert button.text == "Copy Chicago"
    button.click()
    status = button.find_element(By.XPATH, "following-sibling::span[@class='copy-status']")
    wait_until(browser, lambda d: status.text)
    assert status.text == "Copied."


def test_network_view_draws_the_circle_and_clicks_through(browser, live_server, world):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    try:
        reverse("person-network", args=[world["serge"].pk])
    except NoReverseMatch:
        pytest.skip("the network API (/api/v1/persons/<id>/network/) is not installed yet")
    serge, rirette = world["serge"], world["rirette"]
    browser.get(live_server.url + serge.get_absolute_url())
    browser.find_element(By.LINK_TEXT, "Network of relationships").click()
    wait_until(browser, lambda d: d.execute_script("return window.serge_cy && serge_cy.nodes().length"))
    names = browser.execute_script("return serge_cy.nodes().map(function (n) { return n.data('label'); })")
    assert {"Victor Serge", "Rirette Maîtrejean"} <= set(names)
    assert browser.find_elements(By.CSS_SELECTOR, "#cy canvas")
    assert "ties" in browser.find_element(By.ID, "network-status").text

    # A real mouse click on Rirette's circle, where cytoscape drew it.
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.ID, "cy"))
    x, y = browser.execute_script(
        "var p = window.serge_cy.getElementById(arguments[0]).renderedPosition(); return [p.x, p.y];",
        str(rirette.pk),
    )
    canvas = browser.find_element(By.ID, "cy")
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ).click().perform()
    wait_until(browser, lambda d: d.current_url.endswith(rirette.get_absolute_url()))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Rirette Maîtrejean"
