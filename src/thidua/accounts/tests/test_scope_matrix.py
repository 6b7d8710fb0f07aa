"""Role × in scope / out of scope × read / write, through the pages (service layer behind them)."""
import pytest
from django.test import Client

# persona, person key, can read?, can write history?
MATRIX = [
    ("admin", "thang", True, True), ("admin", "lan", True, True),
    ("officer_a", "thang", True, True), ("officer_a", "lan", False, False),
    ("personnel_a", "thang", True, True), ("personnel_a", "lan", False, False),
    ("officer_b", "thang", False, False), ("officer_b", "lan", True, True),
    ("party_b", "lan", True, True), ("party_b", "thang", False, False),
    ("council", "thang", True, False), ("council", "lan", True, False),
    ("leader_a", "thang", True, False), ("leader_a", "lan", False, False),
    ("cluster_head", "thang", True, False), ("cluster_head", "lan", True, False),
    ("staff", "thang", True, False), ("staff", "lan", False, False),
    ("outsider", "thang", False, False), ("outsider", "lan", False, False),
]


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("persona,who,can_read,can_write", MATRIX)
def test_person_page_read_and_history_write(personas, people, persona, who, can_read, can_write):
    from thidua.records.models import YearRecord

    c = _client(personas[persona])
    person = people[who]
    assert c.get(f"/ca-nhan/{person.pk}/").status_code == (200 if can_read else 404)
    resp = c.post(f"/ca-nhan/{person.pk}/lich-su/them/yearrecord/",
                  {"year": 2024, "track": "government", "grade": "good"})
    written = YearRecord.objects.filter(person=person, year=2024).exists()
    assert written == can_write
    assert resp.status_code == (302 if can_write else (403 if can_read else 404))


@pytest.mark.parametrize("persona,visible", [
    ("admin", {"thang", "lan"}), ("officer_a", {"thang"}), ("officer_b", {"lan"}), ("party_b", {"lan"}),
    ("council", {"thang", "lan"}), ("leader_a", {"thang"}), ("cluster_head", {"thang", "lan"}),
])
def test_person_list_shows_only_the_scope(personas, people, persona, visible):
    c = _client(personas[persona])
    html = c.get("/ca-nhan/").content.decode()
    shown = {k for k, p in people.items() if p.full_name in html}
    assert shown == visible


def test_staff_member_sees_only_own_record(personas, people):
    c = _client(personas["staff"])
    resp = c.get("/ca-nhan/")
    assert resp.status_code == 302 and resp["Location"] == f"/ca-nhan/{people['thang'].pk}/"
    assert c.get("/").status_code == 302


@pytest.mark.parametrize("persona,unit,status", [
    ("officer_a", "VA", 200), ("officer_a", "PA1", 200), ("officer_a", "VB", 404), ("officer_a", "BO", 404),
    ("council", "VB", 200), ("outsider", "VA", 404), ("cluster_head", "VB", 200), ("cluster_head", "BO", 404),
])
def test_unit_page_scope(personas, org, persona, unit, status):
    assert _client(personas[persona]).get(f"/don-vi/{unit}/").status_code == status


@pytest.mark.parametrize("persona,allowed", [("personnel_a", True), ("officer_a", False), ("leader_a", False)])
def test_unit_change_needs_edit_units(personas, org, persona, allowed):
    from thidua.organizations.models import Unit

    resp = _client(personas[persona]).post("/don-vi/VA/thao-tac/create/", {
        "create-code": "PA9", "create-name": "Phòng mới", "create-kind": "division"})
    assert Unit.objects.filter(code="PA9").exists() == allowed
    assert resp.status_code == (302 if allowed else 403)


# --- every URL of the site, every role, reading and writing -------------------------------------
# Each named URL of the resolver has a case below (a new URL without one fails
# test_every_url_has_a_scope_case). A case names what the URL is about: a person, a unit, a party
# organisation, a cluster, a history record, a job, or nothing (lists, exports, forms of the site).
# For each persona, OUT_OF_SCOPE names the objects the persona must not reach: reading them answers
# 403/404 and leaks no name, writing them answers 403/404/405 and writes nothing (no audit event, no
# row). Objects in scope read 200 (or a redirect). Lists and exports never show an out-of-scope
# person or unit. The API has the same test over its OpenAPI paths (api/tests/test_it_scope_matrix.py).
import io  # noqa: E402
import zipfile  # noqa: E402

from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

from thidua.audit.models import AuditEvent  # noqa: E402
from thidua.documents.models import Document, DocumentTemplate  # noqa: E402
from thidua.documents.render import default_template_bytes  # noqa: E402
from thidua.jobs.models import Job  # noqa: E402
from thidua.organizations.models import Unit  # noqa: E402
from thidua.people.models import Person  # noqa: E402
from thidua.records.models import Award, YearRecord  # noqa: E402

# url name → (subject, extra path kwargs); subject None: not about one object
URL_CASES = {
    "home": (None, {}),
    "accounts:tokens": (None, {}),
    "accounts:users": (None, {}),
    "organizations:unit_tree": (None, {}),
    "organizations:unit_detail": ("unit", {}),
    "organizations:unit_action": ("unit", {"action": "rename"}),
    "organizations:grade_year_transition": ("unit", {"year": 2024, "transition": "lock"}),
    "organizations:cluster_list": (None, {}),
    "organizations:cluster_detail": ("cluster", {}),
    "organizations:party_list": (None, {}),
    "organizations:party_detail": ("party", {}),
    "people:person_list": (None, {}),
    "people:person_export": (None, {}),
    "people:person_create": (None, {}),
    "people:person_detail": ("person", {}),
    "people:person_edit": ("person", {}),
    "people:person_transfer": ("person", {}),
    "people:person_leave": ("person", {}),
    "people:person_history_add": ("person", {}),
    "people:person_history_add_kind": ("person", {"kind": "award"}),
    "people:unit_history_add": ("unit", {}),
    "people:unit_history_add_kind": ("unit", {"kind": "award"}),
    "people:unit_stats_set": ("unit", {}),
    "people:history_edit": ("record", {"kind": "yearrecord"}),
    "jobs:job_list": (None, {}),
    "jobs:job_detail": ("job", {}),
    "jobs:job_download": ("job", {}),
    "jobs:job_retry": ("job", {}),
    "imports:index": (None, {}),
    "imports:upload": (None, {}),
    "imports:commit": (None, {}),
    "imports:template": (None, {"kind": "people"}),
    "imports:export": (None, {"kind": "people"}),
    "imports:job": ("job", {}),
    "eligibility:index": (None, {}),
    "statistics:awards": (None, {}),
    "statistics:decisions": (None, {}),
    "eligibility:unit_table": ("unit", {}),
    "eligibility:person_card": ("person", {}),
    "eligibility:explain": (None, {}),
    "eligibility:unit_quota": ("unit", {}),
    "documents:list": (None, {}),
    "documents:create": (None, {}),
    "documents:detail": ("document", {}),
    "documents:edit": ("document", {}),
    "documents:sign": ("document", {}),
    "documents:download": ("document", {"fmt": "docx"}),
    "documents:templates": (None, {}),
    "documents:template_download": ("template", {}),
    "documents:template_default": (None, {"kind": "decision"}),
    "documents:certificates": (None, {}),
    "fund:index": (None, {}),
    "fund:calculator": (None, {}),
    "fund:tables": (None, {}),
    "fund:base_salary_add": (None, {}),
    "fund:ledger": ("unit", {"year": 2024}),
    "fund:record": ("unit", {"year": 2024, "kind": "dong-gop"}),
    "fund:carry_over": ("unit", {"year": 2024}),
    "fund:settlement": ("unit", {"year": 2024}),
    "fund:settlement_xlsx": ("unit", {"year": 2024}),
    # notices: one calendar for everyone (edits: administrators only), and each user's own deadlines,
    # notifications and settings (notices/tests/test_pages.py: another user's rows are never shown or changed)
    "notices:calendar": (None, {}), "notices:calendar_add": (None, {}),
    "notices:calendar_remove": (None, {"day": "2026-12-05"}), "notices:todo": (None, {}),
    "notices:notifications": (None, {}), "notices:notifications_read": (None, {}),
    "notices:preferences": (None, {}), "notices:ics_feed": (None, {"token": "x"}),
    "commendations:index": (None, {}), "commendations:round_create": (None, {}),
    # rounds, proposals and sessions: their out-of-scope cases are in commendations/tests (test_pages, test_api)
    **{f"commendations:{name}": ("commendations", {}) for name in (
        "round_detail", "round_move", "propose", "propose_bulk", "propose_xlsx", "posting_create", "session_create",
        "proposal_detail", "proposal_attach", "proposal_move", "session_detail", "session_attendance",
        "session_agenda", "ballot", "paper_ballots", "session_move", "session_count", "proposal_dossier")},
    # councils, posting comments, ties, proposing from the eligibility table: their out-of-scope cases are in
    # commendations/tests/test_council_pages.py; the public posting page needs no login by design (its
    # unguessable token is its only key, and it shows the names, forms, units and period, nothing else)
    "commendations:council_list": (None, {}),
    **{f"commendations:{name}": ("commendations", {}) for name in (
        "council_detail", "council_member_remove", "posting_detail", "posting_public", "runoff_open", "tie_decide",
        "runoff_ballot", "runoff_paper", "runoff_close", "propose_from_table")},
    # decisions and the session papers: commendations/tests/test_decision_pages.py
    **{f"commendations:{name}": ("commendations", {}) for name in (
        "decision_create", "session_paper", "decision_detail", "decision_download", "decision_sign",
        "decision_certificates", "decision_certificate_preview", "decision_pay", "decision_revoke")},
}
# URLs with no scope: the login/logout/language forms, the API (api/tests/test_it_scope_matrix.py)
NO_SCOPE = {"accounts:login", "accounts:logout", "set_language", "api_docs_asset"}

# what each persona must not reach (VA's officers: Lan and VB; VB's: Thắng and VA; …)
OUT_OF_SCOPE = {
    "officer_a": {"person": ["lan"], "unit": ["VB", "BO"], "record": ["lan"], "job": ["other"],
                  "document": ["VB"], "template": ["VB"]},
    "personnel_a": {"person": ["lan"], "unit": ["VB", "BO"], "record": ["lan"], "job": ["other"],
                    "document": ["VB"], "template": ["VB"]},
    "leader_a": {"person": ["lan"], "unit": ["VB", "BO"], "record": ["lan"], "job": ["other"],
                 "document": ["VB"], "template": ["VB"]},
    "officer_b": {"person": ["thang"], "unit": ["VA", "PA1", "BO"], "record": ["thang"], "job": ["other"],
                  "document": ["VA"], "template": ["VA"]},
    "party_b": {"person": ["thang"], "unit": ["VA", "VB", "BO"], "party": ["CBA"], "record": ["thang"],
                "job": ["other"], "document": ["VA", "VB"], "template": ["VA", "VB"]},
    "cluster_head": {"unit": ["BO"], "job": ["other"]},
    "staff": {"person": ["lan"], "unit": ["VA", "VB", "BO", "PA1"], "record": ["lan"], "job": ["other"],
              "document": ["VA", "VB"], "template": ["VA", "VB"]},
    "outsider": {"person": ["thang", "lan"], "unit": ["VA", "VB", "BO", "PA1"], "party": ["CBA", "CBB"],
                 "cluster": ["K1"], "record": ["thang", "lan"], "job": ["other"], "document": ["VA", "VB"],
                 "template": ["VA", "VB"]},
}
# the names that must not appear in the lists and exports of each persona
HIDDEN_NAMES = {
    "officer_a": ["Trần Thị Lan", "001085000002"], "personnel_a": ["Trần Thị Lan", "001085000002"],
    "leader_a": ["Trần Thị Lan", "001085000002"], "staff": ["Trần Thị Lan", "001085000002"],
    "officer_b": ["Nguyễn Văn Thắng", "001080000001"], "party_b": ["Nguyễn Văn Thắng", "001080000001"],
    "outsider": ["Nguyễn Văn Thắng", "001080000001", "Trần Thị Lan", "001085000002"],
}


def _named_urls():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if inner.startswith("api:") or str(pattern.pattern).startswith("^api/"):
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and not str(pattern.pattern).startswith("api/"):
                yield f"{namespace}{pattern.name}"
    return set(walk(get_resolver().url_patterns))


def test_every_url_has_a_scope_case():
    assert _named_urls() - NO_SCOPE == set(URL_CASES), "a new URL needs a case in URL_CASES"


@pytest.fixture
def world(personas, people, org):
    """The objects of each subject kind: history records of both people, a job of someone else."""
    thang, lan = people["thang"], people["lan"]
    records = {who: YearRecord.objects.create(person=people[who], year=2023, grade="good") for who in ("thang", "lan")}
    Award.objects.create(unit=org["VB"], year=2023, code="TTLDXS", category="title")
    job = Job.objects.create(kind="export", status="failed", params={"kind": "people"}, created_by=personas["admin"])
    documents = {code: Document.objects.create(kind="decision", issuer=org[code], issuer_name=org[code].name,
                                               symbol=f"QĐ-{code}", place="Hà Nội", title="Quyết định",
                                               summary="Về việc thử").pk for code in ("VA", "VB")}
    templates = {code: DocumentTemplate.objects.create(kind="decision", issuer=org[code], version=1, name="m.docx",
                                                       content=default_template_bytes("decision")).pk
                 for code in ("VA", "VB")}
    return {"person": {"thang": thang.pk, "lan": lan.pk}, "unit": {c: c for c in ("VA", "VB", "BO", "PA1")},
            "party": {"CBA": "CBA", "CBB": "CBB"}, "cluster": {"K1": "K1"},
            "record": {who: record.pk for who, record in records.items()}, "job": {"other": job.pk},
            "document": documents, "template": templates}


def _kwargs(name, subject, key, world):
    from django.urls import reverse

    kwargs = dict(URL_CASES[name][1])
    value = world[subject][key]
    kwargs["pk" if subject in ("person", "record", "job", "document", "template") else "code"] = value
    return reverse(name, kwargs=kwargs)


def _state():
    return (AuditEvent.objects.count(), Person.objects.count(), Unit.objects.count(), YearRecord.objects.count(),
            Award.objects.count(), Job.objects.count(), Document.objects.filter(number__isnull=False).count(),
            DocumentTemplate.objects.count())


def _out_of_scope_cases():
    for persona, subjects in OUT_OF_SCOPE.items():
        for name, (subject, _) in URL_CASES.items():
            for key in subjects.get(subject, []) if subject else []:
                yield persona, name, key


@pytest.mark.parametrize("persona,name,key", list(_out_of_scope_cases()))
def test_out_of_scope_objects_are_neither_read_nor_written(personas, world, persona, name, key):
    subject = URL_CASES[name][0]
    url = _kwargs(name, subject, key, world)
    client = _client(personas[persona])
    response = client.get(url)
    if response.status_code == 302:   # a POST-only URL sends a GET to the object's page: out of scope too
        response = client.get(response.url)
    assert response.status_code in (403, 404, 405), (url, response.status_code)
    before = _state()
    written = client.post(url, {"name": "Đổi tên", "new_name": "Đổi tên", "year": 2024, "grade": "excellent",
                                "code": "TTLDXS", "reason": "thử", "unit": "VA", "start": "01/01/2025",
                                "total": 5, "completed": 5})
    assert written.status_code in (403, 404, 405), (url, written.status_code)
    assert _state() == before


def _text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":   # an .xlsx: its shared strings and sheets
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    return content.decode()


LIST_URLS = ["/", "/ca-nhan/", "/ca-nhan/xuat-excel/", "/don-vi/", "/khoi-thi-dua/", "/to-chuc-dang/",
             "/nhap-xuat/xuat/people/", "/nhap-xuat/xuat/history/", "/nhap-xuat/xuat/units/",
             "/nhap-xuat/xuat/clusters/", "/xet-danh-hieu/", "/tac-vu/", "/khoi-thi-dua/K1/", "/quy/",
             "/khen-thuong/"]


@pytest.mark.parametrize("persona", sorted(HIDDEN_NAMES))
def test_lists_and_exports_show_nothing_out_of_scope(personas, world, persona):
    client = _client(personas[persona])
    for url in LIST_URLS:
        response = client.get(url)
        if response.status_code != 200:
            assert response.status_code in (302, 403, 404), (url, response.status_code)
            continue
        text = _text_of(response)
        leaked = [name for name in HIDDEN_NAMES[persona] if name in text]
        assert leaked == [], (url, leaked)


IN_SCOPE = {"officer_a": {"person": "thang", "unit": "VA"}, "officer_b": {"person": "lan", "unit": "VB"},
            "party_b": {"person": "lan"}, "council": {"person": "lan", "unit": "BO"},
            "cluster_head": {"person": "thang", "unit": "VB"}, "admin": {"person": "lan", "unit": "BO"}}
READ_PAGES = ["organizations:unit_detail", "eligibility:unit_table", "eligibility:unit_quota",
              "people:person_detail", "eligibility:person_card"]


@pytest.mark.parametrize("persona", sorted(IN_SCOPE))
def test_objects_in_scope_are_read(personas, world, persona):
    client = _client(personas[persona])
    for name in READ_PAGES:
        subject = URL_CASES[name][0]
        if subject in IN_SCOPE[persona]:
            url = _kwargs(name, subject, IN_SCOPE[persona][subject], world)
            assert client.get(url).status_code == 200, url
