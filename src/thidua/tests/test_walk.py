"""Every role walks every page it can reach from the home page by following links.

For each persona of the conftest (and the small organisation with a little history), the walker
starts at `/`, follows every same-origin GET link (`<a href>` and `hx-get`) breadth-first, at most
`LIMIT` pages a role, and asserts that each answers 200 (or a redirect that ends in 200): a menu
entry or a link a role sees but may not open is a bug (issue 14, part 3). Each page's text is also
checked for English Django strings and internal ids (part 2): `assert_vietnamese_text`."""
import datetime
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from thidua.records.models import Award, YearRecord
from thidua.records.services import history_add
from thidua.rules import codes
from thidua.synth.demo import LOGINS, load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LIMIT = 200
DEMO_LIMIT = 120
ROLES = ["admin", "officer_a", "personnel_a", "party_b", "council", "leader_a", "cluster_head", "staff", "outsider"]
# Followed but not parsed: files and API documents. Skipped: leaving the session or the language.
FILES = ("/xlsx", ".xlsx", "/tai-ve", "/mau/", "/xuat", "/api/schema", "/api/v1/", "/openapi")
SKIP = ("/tai-khoan/dang-xuat", "/i18n/", "/admin/")

# English Django strings that must never reach a page, and internal ids.
ENGLISH = ("This field is required", "Enter a valid", "Page not found", "Forbidden", "Server Error",
           "Select a valid choice", "Ensure this value", "Bad Request", "CSRF verification failed",
           "Not Found", "Please correct", "Invalid page", "That page number", "is not a valid")
INTERNAL = [re.compile(p) for p in (
    r"\brules\.[a-z_]+\.", r"\[unverified", r"\b[a-z]+_[a-z]+_[a-z_]+\b",
)]
# snake_case words that may appear in text legitimately (none today).
ALLOWED_SNAKE: set[str] = set()
# A code never stands alone: where one appears, its full name appears on the page too (a label or a legend).
CODES = {**{code: name for code, name in codes.NAMES.items() if ":" not in code},
         "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ", "HTTNV": "Hoàn thành tốt nhiệm vụ",
         "HTNV": "Hoàn thành nhiệm vụ", "KHTNV": "Không hoàn thành nhiệm vụ"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("hx-get"):
            self.links.append(a["hx-get"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def text_problems(html: str) -> list[str]:
    """English Django strings and internal ids in the visible text (and the title) of a page."""
    page = parse(html)
    text = " ".join(page.text)
    problems = [f"English: {s!r}" for s in ENGLISH if s in text]
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    if title and "<" in title.group(1):
        problems.append(f"HTML in <title>: {title.group(1)[:80]!r}")
    for code, name in CODES.items():
        if re.search(rf"(?<![\w/-]){code}(?![\w/-])", text) and name.lower() not in text.lower():
            problems.append(f"code without its name: {code!r}")
    for pattern in INTERNAL:
        for m in pattern.finditer(text):
            if m.group(0) not in ALLOWED_SNAKE:
                problems.append(f"internal id: {m.group(0)!r}")
    return problems


def _local(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    url = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(url.startswith(s) for s in SKIP):
        return None
    return url


def _get(client, url):
    """GET following redirects; returns (final status, response)."""
    response = client.get(url, follow=True)
    return response.status_code, response


def walk(client, start="/", limit=LIMIT):
    seen, queue = {start}, deque([(start, "")])
    failures, problems, visited = [], [], 0
    while queue and visited < limit:
        url, source = queue.popleft()
        visited += 1
        status, response = _get(client, url)
        if status != 200:
            failures.append(f"{url} → {status} (linked from {source or 'start'})")
            continue
        if response.redirect_chain:
            url = response.redirect_chain[-1][0]
        ctype = response.get("Content-Type", "")
        if any(s in url for s in FILES) or "html" not in ctype:
            continue
        html = response.content.decode()
        problems += [f"{url}: {p}" for p in text_problems(html)]
        for href in parse(html).links:
            target = _local(url, href)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return visited, failures, problems


@pytest.fixture
def history(people, org, system_actor, root_scope):
    w = {"actor": system_actor, "scope": root_scope}
    for year in (2023, 2024):
        history_add(**w, model=YearRecord, subject=people["thang"], year=year, grade="excellent", months_worked=12)
        history_add(**w, model=YearRecord, subject=people["lan"], year=year, grade="good", months_worked=12)
    history_add(**w, model=Award, subject=people["thang"], year=2024, code="CSTDCS",
                decision_no="12/QĐ", decision_date=datetime.date(2024, 12, 20))
    history_add(**w, model=Award, subject=org["VA"], year=2024, code="TTLDTT")


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_sees_opens(client, personas, history, role):
    client.force_login(personas[role])
    visited, failures, problems = walk(client)
    assert visited >= 1
    assert not failures, "\n".join(failures)
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_every_demo_login_follows_every_link(client, django_user_model):
    """The same walk over the demo data (`thidua demo`, its named people only), as each demo login:
    `canbo` (his own record only) and `capuy` (a party committee) included."""
    load_demo(people=0)
    report = []
    for username, *_ in LOGINS:
        client.force_login(django_user_model.objects.get(username=username))
        _visited, failures, problems = walk(client, limit=DEMO_LIMIT)
        report += [f"{username}: {line}" for line in failures + sorted(set(problems))]
    assert not report, "\n".join(report[:80])
