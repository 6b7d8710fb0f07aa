"""Every page works at 390 px wide: the page itself never scrolls sideways (a wide table scrolls inside
its own .table-wrap box). Checked on the person list, the person page, the unit's eligibility table,
the quota page and the import preview; screenshots in var/ to look at."""
import pytest

from thidua.e2e.helpers import login
from thidua.imports.tests.helpers import person, xlsx
from thidua.records import services as history
from thidua.records.models import Award, YearRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 390


WIDEST = """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > %d
  && !e.closest('.table-wrap')).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
  Math.round(e.getBoundingClientRect().right))""" % WIDTH


CARDS = """() => { const t = document.querySelector('%s'); if (!t) return false;
  const rows = [...t.querySelectorAll('tr')]; const head = rows[0], row = rows[1];
  const cell = row && row.querySelector('td[data-label]');
  return getComputedStyle(head).display === 'none' && getComputedStyle(row).display === 'block'
    && !!cell && getComputedStyle(cell, '::before').content.includes(cell.dataset.label); }"""


def _fits(page, name, wide):
    page.wait_for_load_state("networkidle")
    page.screenshot(path=f"var/e2e-390-{name}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        wide[name] = (width, page.evaluate(WIDEST))


@pytest.fixture
def graded(people, system_actor, root_scope):
    for y in range(2021, 2026):
        for subject in people.values():
            history.history_add(actor=system_actor, scope=root_scope, model=YearRecord, subject=subject, year=y,
                                grade="good", months_worked=12)
            history.history_add(actor=system_actor, scope=root_scope, model=Award, subject=subject, year=y,
                                code="LDTT")


def test_pages_fit_a_phone(live_server, browser_page, graded, personas, people, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page, base, wide = browser_page, live_server.url, {}
    page.set_viewport_size({"width": WIDTH, "height": 844})
    login(page, base, "admin")
    page.goto(f"{base}/ca-nhan/")
    _fits(page, "person-list", wide)
    page.goto(f"{base}/ca-nhan/{people['thang'].pk}/")
    _fits(page, "person", wide)
    # the history is one card a year, each value under its column's name, not a squeezed table
    assert page.evaluate(CARDS % "table.history"), "the history table is not shown as cards"
    page.goto(f"{base}/xet-danh-hieu/don-vi/BO/?year=2025")
    _fits(page, "unit-table", wide)
    page.goto(f"{base}/xet-danh-hieu/don-vi/BO/?year=2025&target=CSTDCS&status=no")
    _fits(page, "unit-table-filtered", wide)
    page.goto(f"{base}/xet-danh-hieu/don-vi/BO/ti-le/?year=2025")
    _fits(page, "quota", wide)
    assert page.evaluate(CARDS % "table.cards"), "the quota tables are not shown as cards"
    page.goto(f"{base}/nhap-xuat/")
    _fits(page, "imports", wide)
    data = xlsx("people", [person("001090000031", "Nguyễn Thị Phương Anh", "PA1", birth_date="30/02/1990"),
                           person("001090000032", "Bình", "KHONG_CO_DON_VI_NAY")])
    path = tmp_path / "nhan-su.xlsx"
    path.write_bytes(data)
    page.select_option("select[name=kind]", "people")
    page.set_input_files("input[type=file]", str(path))
    page.click("form[action$='/tai-len/'] button")
    page.wait_for_selector("#import-result")
    _fits(page, "import-preview", wide)
    assert not wide, f"wider than {WIDTH} px: {wide}"


def test_the_menu_opens_from_one_button_on_a_phone(live_server, browser_page, personas):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": WIDTH, "height": 844})
    login(page, base, "officer_a")
    page.goto(f"{base}/")
    assert not page.is_visible("nav.mainnav")             # the header is one line: brand and the button
    page.click("label[for=nav-toggle]")
    page.click("nav.mainnav >> text=Cá nhân")
    page.wait_for_url(f"{base}/ca-nhan/")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.is_visible("nav.mainnav") and not page.is_visible("label[for=nav-toggle]")
