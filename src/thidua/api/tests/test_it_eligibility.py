"""/api/v1/eligibility/: mounted like every router; bad input is a 422 in the one error shape with a
Vietnamese message naming the field, never a 500; the JSON document follows eligibility-json.md."""
import json

import pytest
from ninja import Router

from thidua.api import eligibility
from thidua.api.main import ROUTERS, api
from thidua.api.schemas import MSG_NUL
from thidua.records.models import YearRecord
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

SCOPE = "/api/v1/eligibility/scope/"
GRADE = "/api/v1/eligibility/quota/grade/"
TITLE = "/api/v1/eligibility/quota/title/"
DOC = "/api/v1/eligibility/"
SCOPE_BODY = {"unit": "VA", "year": 2025}
GRADE_BODY = {"year": 2026, "excellent": 3, "good": 10}
TITLE_BODY = {"title": "CSTDCS", "year": 2023, "proposed": 2, "base": 20}
NOT_ALLOWED = "Giá trị không nằm trong danh sách cho phép"
UNSUPPORTED = "Trường không được hỗ trợ."


@pytest.fixture
def officer(api_as):
    return api_as("officer_a")


def fields(r) -> dict:
    return {e["field"]: e["message"] for e in r.json()["detail"]}


def test_every_router_is_mounted_as_an_object_from_the_api_package():
    assert all(isinstance(router, Router) for _, router in ROUTERS)
    assert ("/v1/eligibility/", eligibility.router) in ROUTERS
    paths = api.get_openapi_schema()["paths"]
    for path in (DOC, SCOPE, GRADE, TITLE):
        assert "post" in paths[path], path


def test_the_schema_documents_the_year_range_and_the_choices():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    year = schemas["ScopeQuestion"]["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (MIN_YEAR, MAX_YEAR)
    assert schemas["ScopeQuestion"]["additionalProperties"] is False
    assert schemas["Track"]["enum"] == ["government", "party"]
    assert "CO_CP" in schemas["TitleCapQuestion"]["properties"]["title"]["enum"]


YEAR_LOW, YEAR_HIGH = MIN_YEAR - 1, MAX_YEAR + 1


@pytest.mark.parametrize("url,body,field,message", [
    # unknown fields
    (SCOPE, {**SCOPE_BODY, "foo": 1}, "foo", UNSUPPORTED),
    (GRADE, {**GRADE_BODY, "staff": "x"}, "staff", UNSUPPORTED),
    (TITLE, {**TITLE_BODY, "unit": "VA"}, "unit", UNSUPPORTED),
    # unknown values
    (GRADE, {**GRADE_BODY, "track": "army"}, "track", NOT_ALLOWED),
    (GRADE, {**GRADE_BODY, "track": ""}, "track", NOT_ALLOWED),
    (GRADE, {**GRADE_BODY, "staff_type": "king"}, "staff_type", NOT_ALLOWED),
    (TITLE, {**TITLE_BODY, "title": "FOO"}, "title", NOT_ALLOWED),
    (TITLE, {**TITLE_BODY, "title": "GK"}, "title", NOT_ALLOWED),
    (SCOPE, {**SCOPE_BODY, "targets": ["CSTDCS", "XX", "grade:good"]}, "targets",
     eligibility.MSG_TARGET.format(codes="XX, grade:good")),
    # years out of range
    (SCOPE, {**SCOPE_BODY, "year": 1995}, "year", eligibility.MSG_YEAR),
    (SCOPE, {**SCOPE_BODY, "year": YEAR_LOW}, "year", eligibility.MSG_YEAR),
    (GRADE, {**GRADE_BODY, "year": YEAR_HIGH}, "year", eligibility.MSG_YEAR),
    (TITLE, {**TITLE_BODY, "year": 10 ** 30}, "year", eligibility.MSG_YEAR),
    (TITLE, {**TITLE_BODY, "year": -2023}, "year", eligibility.MSG_YEAR),
    # counts
    (GRADE, {**GRADE_BODY, "good": -1}, "good", eligibility.MSG_COUNT),
    (GRADE, {**GRADE_BODY, "excellent": -1}, "excellent", eligibility.MSG_COUNT),
    (TITLE, {**TITLE_BODY, "proposed": -1}, "proposed", eligibility.MSG_COUNT),
    (TITLE, {**TITLE_BODY, "base": -1}, "base", eligibility.MSG_COUNT),
    # wrong types
    (SCOPE, {**SCOPE_BODY, "year": "abc"}, "year", "Phải là số nguyên."),
    (SCOPE, {**SCOPE_BODY, "year": 2025.5}, "year", "Phải là số nguyên."),
    (SCOPE, {**SCOPE_BODY, "year": None}, "year", "Phải là số nguyên."),
    (SCOPE, {**SCOPE_BODY, "unit": 5}, "unit", "Phải là chuỗi ký tự."),
    (SCOPE, {**SCOPE_BODY, "unit": "V\x00A"}, "unit", MSG_NUL),
    (SCOPE, {**SCOPE_BODY, "targets": "CSTDCS"}, "targets", "Phải là một danh sách."),
    (SCOPE, {**SCOPE_BODY, "include_collectives": "maybe"}, "include_collectives", "Phải là true hoặc false."),
    (GRADE, {**GRADE_BODY, "good": "nhiều"}, "good", "Phải là số nguyên."),
    (TITLE, {**TITLE_BODY, "title": 5}, "title", NOT_ALLOWED),
    (TITLE, {"year": 2023, "proposed": 1}, "title", "Thiếu trường bắt buộc."),
    (SCOPE, {"year": 2025}, "unit", "Thiếu trường bắt buộc."),
])
def test_it_refuses_bad_questions_naming_the_field(officer, people, url, body, field, message):
    r = officer.post(url, body)
    assert r.status_code == 422, r.content
    errors = fields(r)
    assert field in errors, errors
    assert errors[field].startswith(message), errors[field]


@pytest.mark.parametrize("url", [SCOPE, GRADE, TITLE])
@pytest.mark.parametrize("raw", ["[1, 2]", '"x"', "null", "17"])
def test_it_refuses_a_body_that_is_not_an_object(officer, url, raw):
    r = officer.post(url, raw=raw)
    assert r.status_code == 422 and r.json()["detail"][0]["message"]


def test_it_still_answers_good_questions(officer, people):
    body = officer.post(GRADE, {**GRADE_BODY, "track": "party", "staff_type": "armed_forces"}).json()
    assert body["regime"] == "qd366" and body["allowed"] == 2
    body = officer.post(TITLE, {**TITLE_BODY, "title": " cstdcs "}).json()  # codes are read without case
    assert body["title"] == "CSTDCS" and body["allowed"] == 3
    assert officer.post(TITLE, {"title": "CO_BO", "year": 2025, "proposed": 1}).status_code == 200
    r = officer.post(SCOPE, {"unit": "va", "year": MIN_YEAR, "targets": [], "include_collectives": False})
    assert r.status_code == 200 and r.json() == {"answers": []}
    assert officer.post(SCOPE, {"unit": "VA", "year": MAX_YEAR, "targets": ["CSTT", "TTLDTT"]}).status_code == 200
    assert officer.post(SCOPE, {"unit": "KHONGCO", "year": 2025}).status_code == 404


def test_a_1995_grade_breaks_no_scope_question(officer, people):
    YearRecord.objects.create(person=people["thang"], year=1995, grade="good")
    YearRecord.objects.create(person=people["thang"], year=2005, grade="good")
    r = officer.post(SCOPE, {"unit": "VA", "year": 2005, "targets": ["LDTT"]})
    assert r.status_code == 200
    assert [a["eligible"] for a in r.json()["answers"]] != []


# --- the JSON document (eligibility-json.md) ---------------------------------------------------------

DOCUMENT = {
    "subjects": [{"id": "p-001", "kind": "individual", "staff_type": "civil_servant", "history": [
        {"year": 2024, "grade": "excellent", "titles": ["LDTT"], "initiatives": [], "discipline": None}]}],
    "questions": [{"subject": "p-001", "target": "CSTDCS", "year": 2024}],
}


def test_the_document_ignores_fields_the_contract_does_not_name_as_the_command_line_does(officer):
    """eligibility-json.md: the endpoint takes the same document as `thidua eligibility` (whose
    checks name no closed list of fields, and the contract grows by optional fields, e.g. Decree 335)."""
    plain = officer.post(DOC, DOCUMENT).json()
    extra = json.loads(json.dumps(DOCUMENT))
    extra["version"] = 2
    extra["subjects"][0]["department"] = "Vụ Thi đua"
    extra["subjects"][0]["history"][0]["comment"] = "ghi chú"
    extra["questions"][0]["note"] = "x"
    r = officer.post(DOC, extra)
    assert r.status_code == 200 and r.json() == plain


@pytest.mark.parametrize("raw,field,message", [
    ("{not json", "$", eligibility.MSG_JSON.format(line=1, column=2)),
    ("", "$", eligibility.MSG_JSON.format(line=1, column=1)),
    (b'{"subjects": "\xff"}', "$", eligibility.MSG_ENCODING),
    ("[]", "$", "phải là một đối tượng JSON"),
])
def test_the_document_that_is_not_json_names_the_place_in_vietnamese(officer, raw, field, message):
    r = officer.post(DOC, raw=raw)
    assert r.status_code == 422 and fields(r) == {field: message}


@pytest.mark.parametrize("change,field", [
    ({"questions": [{"subject": "p-001", "target": "LDTT", "year": 1995}]}, "$.questions[0].year"),
    ({"questions": [{"subject": "p-001", "target": "LDTT", "year": "2024"}]}, "$.questions[0].year"),
    ({"questions": [{"subject": "p-001", "target": "LDTT", "year": True}]}, "$.questions[0].year"),
    ({"questions": "all"}, "$.questions"),
    ({"subjects": [{"id": "p-001", "kind": "robot"}]}, "$.subjects[0].kind"),
    ({"subjects": [{"id": "p-001", "kind": "individual", "staff_type": "king"}]}, "$.subjects[0].staff_type"),
    ({"subjects": [{"id": "p-001", "kind": "individual", "history": [{"year": 1995}]}]}, "$.subjects[0].history[0].year"),
    ({"subjects": [{"id": "p-001", "kind": "individual", "history": [{"year": 2024, "titles": ["XX"]}]}]},
     "$.subjects[0].history[0].titles[0]"),
    ({"subjects": [{"id": "u", "kind": "collective", "history": [
        {"year": 2024, "cluster_rank": 10 ** 30, "cluster_size": 10 ** 30}]}]}, "$"),
    ({"subjects": [{"id": "u", "kind": "collective", "history": [
        {"year": 2024, "members": {"total": 10 ** 30, "ldtt": 10 ** 29}}]}]}, "$"),
])
def test_a_bad_document_is_a_422_naming_the_json_path_never_a_500(officer, change, field):
    r = officer.post(DOC, {**DOCUMENT, **change})
    assert r.status_code == 422, r.content
    errors = fields(r)
    assert field in errors and errors[field]


def test_unknown_subjects_and_targets_are_answers_not_errors(officer):
    doc = {**DOCUMENT, "questions": [{"subject": "nobody", "target": "CSTDCS", "year": 2024},
                                     {"subject": "p-001", "target": "XYZ", "year": 2024}]}
    answers = officer.post(DOC, doc).json()["answers"]
    assert [a["eligible"] for a in answers] == [None, None] and all(a["error"] for a in answers)
