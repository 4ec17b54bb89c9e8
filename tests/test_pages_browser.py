"""The reader's pages in a real browser (headless Chromium, as tests/test_browser.py):
the network names its main persons around the person in the middle, has a legend
and keeps its filters in the URL; the person's map draws a marker per geocoded place."""

from pathlib import Path

import pytest

from prosopography.models import Person, Place, Relationship, RelationshipType
from tests.factories import build_world, make
from tests.test_browser import CHROMEDRIVER, CHROMIUM, browser, wait_until  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Chromium and its driver"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def world(live_server):
    return build_world()


def test_network_names_the_person_in_the_middle_has_a_legend_and_a_shareable_url(browser, live_server, world):  # noqa: F811
    from selenium.webdriver.common.by import By

    serge, rirette = world["serge"], world["rirette"]
    comrade = RelationshipType.objects.get(slug="comrade")
    for name in ("Boris Souvarine", "Pierre Naville", "Alfred Rosmer"):
        make(Relationship, subject=serge, type=comrade, object=make(Person, name=name))
    url = f"{live_server.url}{serge.get_absolute_url()}network/"
    browser.get(url + "?kinds=political&depth=1")
    wait_until(browser, lambda d: d.execute_script("return window.serge_cy && serge_cy.nodes().length"))
    # the URL's filters are the form's: only political ties, so Rirette (a spouse) is not drawn
    boxes = {b.get_attribute("value"): b.is_selected() for b in browser.find_elements(By.NAME, "kinds")}
    assert boxes["political"] and not boxes["family"]
    ids = browser.execute_script("return serge_cy.nodes().map(function (n) { return n.id(); })")
    assert str(rirette.pk) not in ids and len(ids) == 4
    # choosing kinds and drawing puts them in the address, for sharing
    browser.find_element(By.CSS_SELECTOR, "input[name=kinds][value=family]").click()
    browser.find_element(By.CSS_SELECTOR, "#network-filters button[type=submit]").click()
    wait_until(browser, lambda d: "family" in d.current_url)
    assert (
        "kinds=family%2Cpolitical" in browser.current_url or "kinds=political%2Cfamily" in browser.current_url
    )
    wait_until(
        browser,
        lambda d: d.execute_script(
            "return serge_cy.getElementById(arguments[0]).nonempty()", str(rirette.pk)
        ),
    )
    # the person is labelled and drawn in the middle of the graph
    label = browser.execute_script(
        "return serge_cy.getElementById(arguments[0]).style('label')", str(serge.pk)
    )
    assert label == "Victor Serge"

    def centred(driver):
        centre, box = driver.execute_script(
            "var c = serge_cy.getElementById(arguments[0]), p = c.position();"
            "var b = serge_cy.nodes().not(c).boundingBox({ includeLabels: false });"
            "return [[p.x, p.y], [b.x1, b.y1, b.x2, b.y2]];",
            str(serge.pk),
        )
        return abs(centre[0] - (box[0] + box[2]) / 2) < 1 and abs(centre[1] - (box[1] + box[3]) / 2) < 1

    # (waited for: on a busy machine the layout may still be settling)
    wait_until(browser, centred)
    gexf = browser.find_element(By.ID, "export-gexf").get_attribute("href")
    assert "format=gexf" in gexf and "political" in gexf and "family" in gexf
    legend = browser.find_element(By.CSS_SELECTOR, "ul.legend").text
    assert "family" in legend and "political" in legend and "named together in a paragraph" in legend


def test_person_map_has_a_marker_per_geocoded_place(browser, live_server, world):  # noqa: F811
    from selenium.webdriver.common.by import By

    Place.objects.filter(name="Brussels").update(latitude="50.85045", longitude="4.34878")
    Place.objects.filter(name="Paris").update(latitude="48.85341", longitude="2.3488")
    browser.get(live_server.url + world["serge"].get_absolute_url())
    wait_until(browser, lambda d: d.execute_script("return !!window.serge_map"))
    markers = browser.find_elements(By.CSS_SELECTOR, "#life-map .map-number")
    assert [m.text for m in markers] == ["1", "2"]
    assert [m.get_attribute("title") for m in markers] == ["Brussels", "Paris"]


# ---------------------------------------------------------------- accessibility audit

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"  # tests/vendor/axe-core/README.md
AXE_FAILING_IMPACTS = {"serious", "critical"}


def axe_violations(browser, url, ready=None):  # noqa: F811
    """Open `url`, wait for `ready` (a script returning true once the page is drawn),
    run axe-core (WCAG 2 A and AA, and best practices) and return the violations of
    serious or critical impact as readable lines. The engine is injected through the
    driver, not served by the site: the page's Content-Security-Policy is unchanged."""
    browser.get(url)
    if ready:
        wait_until(browser, lambda d: d.execute_script(ready))
    browser.execute_script(AXE.read_text(encoding="utf-8") + "\n;window.__axe_loaded = true;")
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(n.get("target", [])) for n in v.get("nodes", [])[:5])
        for v in result
        if v.get("impact") in AXE_FAILING_IMPACTS
    ]


@pytest.fixture
def audited_world(world):
    Place.objects.filter(name="Brussels").update(
        latitude="50.85045",
        longitude="4.34878",
        coordinates_source="GeoNames",
        coordinates_source_id="2800866",
    )
    Place.objects.filter(name="Paris").update(latitude="48.85341", longitude="2.3488")
    comrade = RelationshipType.objects.get(slug="comrade")
    for name in ("Boris Souvarine", "Pierre Naville"):
        make(Relationship, subject=world["serge"], type=comrade, object=make(Person, name=name))
    return world


@pytest.mark.parametrize("page", ["person", "work", "network", "place", "places"])
def test_accessibility_audit_finds_no_serious_violation(browser, live_server, audited_world, page):  # noqa: F811
    world = audited_world
    serge = world["serge"]
    urls = {
        "person": (serge.get_absolute_url(), "return !!window.serge_map"),
        "work": (world["work"].get_absolute_url(), None),
        "network": (
            serge.get_absolute_url() + "network/",
            "return !!(window.serge_cy && serge_cy.nodes().length)",
        ),
        "place": (Place.objects.get(name="Brussels").get_absolute_url(), "return !!window.serge_map"),
        "places": ("/places/", None),
    }
    path, ready = urls[page]
    assert axe_violations(browser, live_server.url + path, ready) == []


def test_network_time_slider_filters_ties_by_year_and_keeps_it_in_the_url(browser, live_server, world):  # noqa: F811
    from selenium.webdriver.common.by import By

    serge = world["serge"]  # married to Rirette 1910~ to 1915 (build_world)
    comrade = RelationshipType.objects.get(slug="comrade")
    souvarine = make(Person, name="Boris Souvarine")
    naville = make(Person, name="Pierre Naville")
    make(Relationship, subject=serge, type=comrade, object=souvarine, start="1923", end="1924")
    make(Relationship, subject=serge, type=comrade, object=naville, start="1928", end="1936")
    make(Relationship, subject=serge, type=comrade, object=make(Person, name="Undated Friend"))

    def shown_others(driver):
        return sorted(
            driver.execute_script(
                "return serge_cy.nodes().not('.faded').filter(function (n) { return !n.data('centre'); })"
                ".map(function (n) { return n.data('label'); })"
            )
        )

    browser.get(f"{live_server.url}{serge.get_absolute_url()}network/?year=1912")
    wait_until(browser, lambda d: d.execute_script("return window.serge_year === '1912'"))
    slider = browser.find_element(By.ID, "net-year")
    assert slider.get_attribute("min") == "1909" and slider.get_attribute("max") == "1936"
    assert shown_others(browser) == ["Rirette Maîtrejean"]
    assert browser.find_element(By.ID, "net-year-shown").text == "1912"
    # moving the slider filters at once and puts the year in the address
    browser.execute_script(
        "var s = document.getElementById('net-year'); s.value = 1930; s.dispatchEvent(new Event('input'));"
    )
    assert shown_others(browser) == ["Pierre Naville"]
    assert "year=1930" in browser.current_url
    # the keyboard moves it too
    slider.send_keys("\ue012")  # left arrow: 1929
    assert "year=1929" in browser.current_url
    # all years: every tie again, dated or not, and no year in the address
    browser.find_element(By.ID, "net-year-all").click()
    everyone = ["Boris Souvarine", "Pierre Naville", "Rirette Maîtrejean", "Undated Friend"]
    assert shown_others(browser) == everyone
    assert "year=" not in browser.current_url
    assert browser.find_element(By.ID, "net-year-shown").text == "all years"
