import datetime
import io
import json

import numpy as np
import pytest
from django.test import Client

from thidua.eligibility import adapter
from thidua.eligibility.columnar_loader import load_people
from thidua.people.models import Person
from thidua.records import services as history
from thidua.records.models import Award, CollectiveStats, Initiative, YearRecord

D = datetime.date


def test_adapter_builds_the_contract_shape_in_constant_queries(chain, people, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        subjects = adapter.people_subjects(unit=org["BO"], years=(2010, 2025))
    by_id = {s["id"]: s for s in subjects}
    t = by_id[adapter.person_key(chain.pk)]
    y2024 = next(e for e in t["history"] if e["year"] == 2024)
    assert y2024["grade"] == "excellent" and set(y2024["titles"]) == {"LDTT", "CSTDCS"}
    assert y2024["awards"] == []  # the thematic Giấy khen is no basis for later awards
    assert y2024["initiatives"] == [{"level": "unit", "name": "Sáng kiến 2024"}]
    lan = by_id[adapter.person_key(people["lan"].pk)]
    assert lan["history"][0]["discipline"] == "reprimand"


def test_queries_do_not_grow_with_people(chain, org, system_actor, root_scope, django_assert_max_num_queries):
    from thidua.people.services import person_create

    for i in range(25):
        p = person_create(actor=system_actor, scope=root_scope, citizen_id=f"0011000{i:05d}", full_name=f"Người {i}",
                          unit=org["VB"], staff_type="civil_servant", start=D(2020, 1, 1))
        YearRecord.objects.create(person=p, year=2025, grade="good")
    with django_assert_max_num_queries(8):
        assert len(adapter.people_subjects(unit=org["BO"], years=(2010, 2025))) == 27


def test_columnar_loader_equals_adapter_through_the_engine(chain, people, org):
    from thidua import rules
    from thidua.rules.columnar import ColumnarHistory

    years = (2012, 2025)
    fast = load_people(unit_path=org["BO"].path, years=years)
    slow = ColumnarHistory.from_subjects(adapter.people_subjects(unit=org["BO"], years=years),
                                         years=range(years[0], years[1] + 1))
    order = [slow.ids.index(i) for i in fast.ids]
    assert np.array_equal(fast.present, slow.present[order])
    for name in fast.arrays:
        assert np.array_equal(fast.arrays[name], slow.arrays[name][order]), name
    targets = ["LDTT", "CSTDCS", "CSTD_BO", "BK_BO", "BK_TTG"]
    a, b = rules.evaluate_matrix(fast, targets, 2025), rules.evaluate_matrix(slow, targets, 2025)
    for t in targets:
        assert np.array_equal(np.asarray(a[t]), np.asarray(b[t])[order]), t


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_person_card_explains_with_sources(chain, personas):
    html = _client(personas["officer_a"]).get(f"/xet-danh-hieu/ca-nhan/{chain.pk}/the/", {"year": 2025}).content.decode()
    assert "CSTDCS" in html and "Luật" in html and "Đủ điều kiện" in html


def test_person_card_is_scoped(chain, personas):
    assert _client(personas["officer_b"]).get(f"/xet-danh-hieu/ca-nhan/{chain.pk}/the/").status_code == 404
    assert _client(personas["staff"]).get(f"/xet-danh-hieu/ca-nhan/{chain.pk}/the/").status_code == 200


def test_person_card_forecast(chain, personas):
    html = _client(personas["officer_a"]).get(
        f"/xet-danh-hieu/ca-nhan/{chain.pk}/the/", {"year": 2025, "forecast_grade": "excellent"}).content.decode()
    assert "2026" in html


def test_unit_table_filters_and_exports(chain, personas, people):
    c = _client(personas["council"])
    html = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "target": "CSTDCS", "status": "yes"}).content.decode()
    assert "Nguyễn Văn Thắng" in html and "Trần Thị Lan" not in html
    html = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "target": "LDTT", "status": "no"}).content.decode()
    assert "Trần Thị Lan" in html and "Nguyễn Văn Thắng" not in html
    resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "format": "xlsx"})
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(resp.content)).active.values)
    assert rows[0][0] == "Đối tượng" and any(r[0] == "Nguyễn Văn Thắng" for r in rows[1:])
    assert _client(personas["officer_a"]).get("/xet-danh-hieu/don-vi/VB/").status_code == 404


def test_unit_table_as_background_job(chain, personas, django_capture_on_commit_callbacks):
    from thidua.jobs.models import Job

    c = _client(personas["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "job": "1"})
    job = Job.objects.get()
    assert resp.status_code == 302 and job.status == "done" and job.result["rows"] >= 2
    assert c.get(f"/tac-vu/{job.pk}/tai-ve/").status_code == 200
    page = c.get(f"/tac-vu/{job.pk}/").content.decode()
    assert "Hoàn thành" in page and "Xong: " in page and "(100%)" not in page   # the figures once, in the message


def test_explain_cell(chain, personas):
    html = _client(personas["officer_a"]).get("/xet-danh-hieu/giai-thich/", {
        "subject": f"p-{chain.pk}", "target": "CSTD_BO", "year": 2025}).content.decode()
    assert "CSTD_BO" in html and "Điều" in html


def test_api_answers_the_json_contract_and_reports_paths(personas):
    c = _client(personas["officer_a"])
    doc = {"subjects": [{"id": "p-001", "kind": "individual", "staff_type": "civil_servant", "history": [
        {"year": 2024, "grade": "excellent", "titles": ["LDTT"], "initiatives": [], "discipline": None}]}],
        "questions": [{"subject": "p-001", "target": "CSTDCS", "year": 2024},
                      {"subject": "nobody", "target": "CSTDCS", "year": 2024}]}
    from django.test import Client as C2

    api = C2(enforce_csrf_checks=False)
    api.force_login(personas["officer_a"])
    resp = api.post("/api/v1/eligibility/", json.dumps(doc), content_type="application/json")
    assert resp.status_code == 200, resp.content
    answers = resp.json()["answers"]
    assert answers[0]["eligible"] is True and answers[0]["regime"] == "2022"
    assert answers[1]["eligible"] is None and answers[1]["error"]
    bad = dict(doc, subjects=[dict(doc["subjects"][0], history=[{"year": 2024, "grade": "super"}])])
    resp = api.post("/api/v1/eligibility/", json.dumps(bad), content_type="application/json")
    assert resp.status_code == 422 and "history" in resp.json()["detail"][0]["field"]
    resp = api.post("/api/v1/eligibility/", "{not json", content_type="application/json")
    assert resp.status_code == 422
    assert c.get("/xet-danh-hieu/").status_code == 200


def test_api_scope_questions(chain, personas):
    from django.test import Client as C2

    api = C2()
    api.force_login(personas["officer_a"])
    resp = api.post("/api/v1/eligibility/scope/", json.dumps({"unit": "VA", "year": 2025, "targets": ["CSTDCS"]}),
                    content_type="application/json")
    assert resp.status_code == 200
    got = {a["subject"]: a["eligible"] for a in resp.json()["answers"]}
    assert got[f"p-{chain.pk}"] is True
    resp = api.post("/api/v1/eligibility/scope/", json.dumps({"unit": "VB", "year": 2025}),
                    content_type="application/json")
    assert resp.status_code == 404


def test_results_follow_history_changes_no_stale_cache(chain, personas, system_actor, root_scope):
    c = _client(personas["officer_a"])
    url = "/xet-danh-hieu/giai-thich/"
    params = {"subject": f"p-{chain.pk}", "target": "CSTDCS", "year": 2025}
    assert "Đủ điều kiện" in c.get(url, params).content.decode()
    rec = YearRecord.objects.get(person=chain, year=2025, track="government")
    history.history_update(actor=system_actor, scope=root_scope, obj=rec, reason="Sửa", grade="good")
    history.history_delete(actor=system_actor, scope=root_scope, obj=Initiative.objects.get(person=chain, year=2025),
                           reason="Chưa được công nhận")
    assert "Chưa đủ điều kiện" in c.get(url, params).content.decode()
    assert Person.objects.count() == 2 and CollectiveStats.objects.count() == 0


def test_quota_page_counts_top_grades_per_group(chain, personas, people, org, system_actor, root_scope):
    from thidua.people.services import person_create

    for i in range(5):
        p = person_create(actor=system_actor, scope=root_scope, citizen_id=f"0012000{i:05d}", full_name=f"Cán bộ {i}",
                          unit=org["PA1"], staff_type="civil_servant", start=D(2020, 1, 1))
        YearRecord.objects.create(person=p, year=2025, grade="good")
    html = _client(personas["officer_a"]).get("/xet-danh-hieu/don-vi/VA/ti-le/", {"year": 2025}).content.decode()
    # PA1: Thắng excellent + 5 good → max floor(0.2 × 5) = 1: within the cap
    assert "Nghị định 90/2020/NĐ-CP" in html and "Phòng Tổng hợp" in html
    html = _client(personas["officer_a"]).get("/xet-danh-hieu/don-vi/VA/ti-le/",
                                              {"year": 2026, "excellent": 3, "good": 10}).content.decode()
    assert "Nghị định 335/2025/NĐ-CP" in html and 'class="msg error"' in html
    assert _client(personas["officer_a"]).get("/xet-danh-hieu/don-vi/VB/ti-le/").status_code == 404


def test_quota_api(personas):
    api = Client()
    api.force_login(personas["officer_a"])
    resp = api.post("/api/v1/eligibility/quota/grade/", json.dumps({"year": 2026, "excellent": 3, "good": 10}),
                    content_type="application/json")
    body = resp.json()
    assert resp.status_code == 200 and body["allowed"] == 2 and body["ok"] is False and body["over"] == 1
    resp = api.post("/api/v1/eligibility/quota/title/", json.dumps({"title": "CSTDCS", "year": 2023, "proposed": 2,
                                                                     "base": 20}), content_type="application/json")
    assert resp.json()["allowed"] == 3 and resp.json()["ok"] is True
    resp = api.post("/api/v1/eligibility/quota/grade/", json.dumps({"year": 2026, "excellent": -1, "good": 1}),
                    content_type="application/json")
    assert resp.status_code == 422


def test_collective_member_counts_derive_from_members_records(org, people, system_actor, root_scope):
    from thidua.eligibility import services as svc

    add = history.history_add
    for key in ("thang", "lan"):
        add(actor=system_actor, scope=root_scope, model=YearRecord, subject=people[key], year=2025, grade="good")
    add(actor=system_actor, scope=root_scope, model=Award, subject=people["thang"], year=2025, code="LDTT")
    add(actor=system_actor, scope=root_scope, model=YearRecord, subject=org["BO"], year=2025, grade="good")
    subjects = {s["id"]: s for s in adapter.unit_subjects([org["BO"].pk], years=(2020, 2025))}
    members = subjects[adapter.unit_key(org["BO"].pk)]["history"][-1]["members"]
    # Thắng (in PA1 under VA) and Lan (in VB) are both members of the ministry
    assert members == {"total": 2, "completed": 2, "ldtt": 1, "cstdcs": 0, "disciplined": 0}
    a = svc.collective_answers(org["BO"], 2025, ["TTLDTT"])[0]
    assert a["eligible"] is False  # 1 of 2 LĐTT is not more than half
    add(actor=system_actor, scope=root_scope, model=Award, subject=people["lan"], year=2025, code="LDTT")
    assert svc.collective_answers(org["BO"], 2025, ["TTLDTT"])[0]["eligible"] is True
    # a member without a grade leaves the counts unknown instead of guessing
    YearRecord.objects.filter(person=people["lan"], year=2025).delete()
    subjects = {s["id"]: s for s in adapter.unit_subjects([org["BO"].pk], years=(2020, 2025))}
    assert "members" not in subjects[adapter.unit_key(org["BO"].pk)]["history"][-1]
    # stated counts win over derived ones
    history.collective_stats_set(actor=system_actor, scope=root_scope, unit=org["BO"], year=2025, total=10,
                                 completed=10, ldtt=9, cstdcs=1, disciplined=0)
    subjects = {s["id"]: s for s in adapter.unit_subjects([org["BO"].pk], years=(2020, 2025))}
    assert subjects[adapter.unit_key(org["BO"].pk)]["history"][-1]["members"]["total"] == 10


def test_job_list_shows_own_jobs_only(chain, personas, django_capture_on_commit_callbacks):
    c = _client(personas["council"])
    with django_capture_on_commit_callbacks(execute=True):
        c.get("/xet-danh-hieu/don-vi/BO/", {"year": 2025, "job": "1"})
    assert "Bảng xét danh hiệu" in c.get("/tac-vu/").content.decode()
    assert "Bảng xét danh hiệu" not in _client(personas["officer_a"]).get("/tac-vu/").content.decode()


def test_months_worked_derive_from_postings_and_recruitment(org, system_actor, root_scope):
    from thidua.people.services import person_create, person_update
    from thidua.rules.columnar import ColumnarHistory

    p = person_create(actor=system_actor, scope=root_scope, citizen_id="001099000777", full_name="Người mới",
                      unit=org["VA"], staff_type="civil_servant", start=D(2025, 7, 1))
    YearRecord.objects.create(person=p, year=2025, grade="good")
    s = adapter.people_subjects([p.pk], years=(2020, 2025))[0]
    assert s["history"][0]["months_worked"] == 6
    from thidua.eligibility.services import person_answers

    assert person_answers(p, 2025, ["LDTT"])[0]["eligible"] is True       # 6 months: not "< 6 months"
    person_update(actor=system_actor, scope=root_scope, person=p, recruited_on=D(2025, 3, 1))  # contract before
    assert adapter.people_subjects([p.pk], years=(2020, 2025))[0]["history"][0]["months_worked"] == 10
    YearRecord.objects.filter(person=p).update(months_worked=4)             # a stated figure wins
    assert adapter.people_subjects([p.pk], years=(2020, 2025))[0]["history"][0]["months_worked"] == 4
    p2 = person_create(actor=system_actor, scope=root_scope, citizen_id="001099000778", full_name="Người mới 2",
                       unit=org["VA"], staff_type="civil_servant", start=D(2025, 9, 1))
    YearRecord.objects.create(person=p2, year=2025, grade="good")
    assert person_answers(p2, 2025, ["LDTT"])[0]["eligible"] is False     # 4 months: newly recruited
    fast = load_people(person_ids=[p.pk, p2.pk], years=(2020, 2025))
    slow = ColumnarHistory.from_subjects(adapter.people_subjects([p.pk, p2.pk], years=(2020, 2025)),
                                         years=range(2020, 2026))
    order = [slow.ids.index(i) for i in fast.ids]
    assert np.array_equal(fast.arrays["months_worked"], slow.arrays["months_worked"][order])


def test_unit_table_accepts_a_typed_lowercase_code(chain, personas):
    c = _client(personas["council"])
    index = c.get("/xet-danh-hieu/").content.decode()
    assert 'list="unit-codes"' in index and '<select name="target">' in index and 'name="year" value="2025"' in index
    assert c.get("/xet-danh-hieu/don-vi/bo/", {"year": 2025}).status_code == 200


@pytest.mark.parametrize("url", [
    "/xet-danh-hieu/giai-thich/?subject=p-abc&target=LDTT",
    "/xet-danh-hieu/giai-thich/?subject=x-1&target=LDTT",
])
def test_bad_explain_subjects_are_404(personas, url):
    assert _client(personas["admin"]).get(url).status_code == 404


@pytest.mark.parametrize("params", [{"forecast_grade": "bogus"}, {"forecast_initiative": "bogus"}, {"year": "x"}])
def test_bad_card_parameters_fall_back(chain, personas, params):
    assert _client(personas["admin"]).get(f"/xet-danh-hieu/ca-nhan/{chain.pk}/the/", params).status_code == 200


@pytest.mark.django_db
def test_frozen_answer_is_the_engines_answer_with_its_facts(people, org):
    """The public entry point the commendation pipeline freezes into a dossier (eligibility.services)."""
    from thidua.eligibility import services as elig

    person = next(iter(people.values())) if isinstance(people, dict) else people[0]
    year = 2025
    frozen = elig.frozen_answer(form="LDTT", year=year, person=person)
    assert frozen["answer"] == elig.person_answers(person, year, ["LDTT"])[0]
    assert frozen["facts"]["id"] == elig.person_key(person.pk)
    unit = org["PA1"]
    assert elig.frozen_answer(form="TTLDTT", year=year, collective=unit)["answer"] == \
        elig.collective_answers(unit, year, ["TTLDTT"])[0]
    with pytest.raises(ValueError):
        elig.frozen_answer(form="LDTT", year=year)
    eligible = elig.people_eligible(org["BO"], year, ["LDTT"])
    assert set(eligible) == {"LDTT"}
    assert eligible["LDTT"] == set(elig.people_with_verdict(org["BO"], year, "LDTT", True))
