"""The JSON contract of eligibility-json.md: shape, order, codes, errors, exit codes."""
import io
import json

import pytest

from thidua.rules import InvalidDocument, answer_document, catalog, cli_main, explain
from thidua.rules.messages import MSG_UNKNOWN_SUBJECT, MSG_UNKNOWN_TARGET

from .helpers import person, year

EXAMPLE = {
    "subjects": [
        {"id": "p-001", "kind": "individual", "staff_type": "civil_servant",
         "history": [
             {"year": 2022, "grade": "good", "titles": ["LDTT", "CSTDCS"]},
             {"year": 2023, "grade": "good", "titles": ["LDTT", "CSTDCS"],
              "initiatives": [{"level": "unit", "name": "Số hóa hồ sơ"}]},
             {"year": 2024, "grade": "excellent", "titles": ["LDTT"], "awards": ["BK_BO"],
              "discipline": None, "months_worked": 12,
              "leave_days": {"maternity": 0, "sick": 10}}]},
        {"id": "u-017", "kind": "collective",
         "history": [{"year": 2024, "grade": "excellent", "titles": ["TTLDTT"],
                      "members": {"total": 20, "completed": 20, "ldtt": 16, "cstdcs": 2,
                                  "disciplined": 0}}]},
    ],
    "questions": [
        {"subject": "p-001", "target": "CSTDCS", "year": 2024},
        {"subject": "u-017", "target": "TTLDXS", "year": 2024},
    ],
}


def test_it_answers_the_documented_example():
    out = answer_document(EXAMPLE)
    a, b = out["answers"]
    assert (a["subject"], a["target"], a["year"], a["eligible"], a["regime"]) == \
        ("p-001", "CSTDCS", 2024, True, "2022")
    c = next(c for c in a["checks"] if c["rule"] == "cstdcs.has_ldtt")
    assert c == {"rule": "cstdcs.has_ldtt", "ok": True,
                 "message": "Đạt danh hiệu Lao động tiên tiến năm 2024",
                 "source": "Luật Thi đua, khen thưởng 2022, Điều 23, khoản 1", "level": "error"}
    assert a["missing"] == []
    assert b["eligible"] is True and b["regime"] == "2022"


def test_it_keeps_question_order_and_json_serialisable():
    doc = dict(EXAMPLE, questions=list(reversed(EXAMPLE["questions"])) * 2)
    out = answer_document(doc)
    assert [a["target"] for a in out["answers"]] == ["TTLDXS", "CSTDCS"] * 2
    json.dumps(out, ensure_ascii=False)
    for a in out["answers"]:
        assert set(a) >= {"subject", "target", "year", "eligible", "regime", "checks", "missing"}
        for c in a["checks"]:
            assert c["ok"] in (True, False, None) and c["message"] and c["source"]
            assert c["level"] in ("error", "warning", "info")


def test_it_answers_unknown_subject_and_target_with_error_not_crash():
    doc = dict(EXAMPLE, questions=[{"subject": "nobody", "target": "LDTT", "year": 2024},
                                   {"subject": "p-001", "target": "NOPE", "year": 2024}])
    a, b = answer_document(doc)["answers"]
    assert a["eligible"] is None and a["error"] == MSG_UNKNOWN_SUBJECT.format(subject="nobody")
    assert b["eligible"] is None and b["error"] == MSG_UNKNOWN_TARGET.format(target="NOPE")
    assert a["missing"] == [a["error"]] and b["missing"] == [b["error"]]     # a null names what is missing


def test_it_picks_the_regime_by_target_year():
    s = person(year(2023, "excellent", ["LDTT"], inits=["unit"]),
               year(2024, "excellent", ["LDTT"]))
    assert explain(s, "CSTDCS", 2023)["regime"] == "2013"
    assert explain(s, "CSTDCS", 2024)["regime"] == "2022"
    assert explain(s, "grade:excellent", 2024)["regime"] == "nd90"
    assert explain(s, "grade:excellent", 2026)["regime"] == "nd335"


def test_it_lists_every_contract_code_in_the_catalog():
    codes = {t["code"] for t in catalog}
    assert codes >= {"LDTT", "CSTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "DVTT", "TTLDXS",
                     "DVQT", "CO_BO", "CO_CP", "GK", "BK_BO", "BK_TTG", "HCLD3", "HCLD2",
                     "HCLD1", "grade:excellent", "grade:good", "grade:complete",
                     "grade:incomplete"}
    for t in catalog:
        assert t["kind"] in ("individual", "collective", "both")
        assert t["category"] in ("title", "form", "grade") and t["name"]


def test_it_answers_false_for_a_title_of_the_other_kind():
    a = answer_document(dict(EXAMPLE, questions=[{"subject": "u-017", "target": "LDTT",
                                                  "year": 2024}]))["answers"][0]
    assert a["eligible"] is False and a["checks"][0]["rule"] == "common.kind"


# -- validation ----------------------------------------------------------------------------
def _doc(**subject_overrides):
    s = {"id": "a", "kind": "individual", "staff_type": "civil_servant",
         "history": [{"year": 2023, "grade": "good"}, {"year": 2024, "grade": "good"}]}
    s.update(subject_overrides)
    return {"subjects": [s], "questions": [{"subject": "a", "target": "LDTT", "year": 2024}]}


BAD = [
    ({"history": [{"year": 2024, "grade": "great"}]}, "$.subjects[0].history[0].grade"),
    ({"history": [{"year": 2023}, {"year": 2024}, {"year": 2024, "grade": "good"}]},
     "$.subjects[0].history[2].year"),
    ({"staff_type": "soldier"}, "$.subjects[0].staff_type"),
    ({"kind": "team"}, "$.subjects[0].kind"),
    ({"history": [{"year": 2024, "titles": ["LDTT", "SUPER"]}]},
     "$.subjects[0].history[0].titles[1]"),
    ({"history": [{"year": 2024, "awards": ["LDTT"]}]}, "$.subjects[0].history[0].awards[0]"),
    ({"history": [{"year": 2024, "initiatives": [{"level": "galactic"}]}]},
     "$.subjects[0].history[0].initiatives[0].level"),
    ({"history": [{"year": 2024, "discipline": "fired"}]},
     "$.subjects[0].history[0].discipline"),
    ({"history": [{"year": 1999}]}, "$.subjects[0].history[0].year"),
    ({"history": [{"year": 2101}]}, "$.subjects[0].history[0].year"),
    ({"history": [{"year": "2024"}]}, "$.subjects[0].history[0].year"),
    ({"history": [{"grade": "good"}]}, "$.subjects[0].history[0].year"),
    ({"history": [{"year": 2024, "months_worked": 13}]},
     "$.subjects[0].history[0].months_worked"),
    ({"history": [{"year": 2024, "leave_days": {"holiday": 3}}]},
     "$.subjects[0].history[0].leave_days.holiday"),
    ({"history": [{"year": 2024, "members": {"total": 5, "ldtt": 6}}]},
     "$.subjects[0].history[0].members.ldtt"),
    ({"history": "2024"}, "$.subjects[0].history"),
    ({"id": ""}, "$.subjects[0].id"),
    ({"is_leader": "yes"}, "$.subjects[0].is_leader"),
]


@pytest.mark.parametrize("override,path", BAD)
def test_it_rejects_bad_input_with_the_json_path(override, path):
    with pytest.raises(InvalidDocument) as exc:
        answer_document(_doc(**override))
    assert exc.value.path == path
    assert exc.value.message and not exc.value.message.isascii()   # Vietnamese


@pytest.mark.parametrize("doc,path", [
    ([], "$"), ({"questions": []}, "$.subjects"), ({"subjects": []}, "$.questions"),
    ({"subjects": {}, "questions": []}, "$.subjects"),
    ({"subjects": [], "questions": [{"subject": "a", "target": "LDTT", "year": 1990}]},
     "$.questions[0].year"),
    ({"subjects": [], "questions": [{"subject": "a", "year": 2024}]}, "$.questions[0].target"),
    ({"subjects": [{"id": "a", "kind": "individual"}, {"id": "a", "kind": "individual"}],
      "questions": []}, "$.subjects[1].id"),
])
def test_it_rejects_bad_documents(doc, path):
    with pytest.raises(InvalidDocument) as exc:
        answer_document(doc)
    assert exc.value.path == path


# -- CLI -------------------------------------------------------------------------------
def test_cli_answers_file_to_file(tmp_path):
    src, dst = tmp_path / "q.json", tmp_path / "a.json"
    src.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["--input", str(src), "--output", str(dst)]) == 0
    out = json.loads(dst.read_text(encoding="utf-8"))
    assert [a["eligible"] for a in out["answers"]] == [True, True]


def test_cli_uses_stdin_and_stdout():
    out = io.StringIO()
    assert cli_main([], stdin=io.StringIO(json.dumps(EXAMPLE)), stdout=out) == 0
    assert json.loads(out.getvalue())["answers"][0]["target"] == "CSTDCS"


def test_cli_exits_2_with_json_path_on_invalid_document(tmp_path):
    src = tmp_path / "q.json"
    src.write_text(json.dumps(_doc(history=[{"year": 2024, "grade": "great"}])), "utf-8")
    err = io.StringIO()
    assert cli_main(["--input", str(src)], stderr=err) == 2
    assert "$.subjects[0].history[0].grade" in err.getvalue()


def test_cli_exits_2_with_line_and_column_on_malformed_json(tmp_path):
    src = tmp_path / "q.json"
    src.write_text('{"subjects": [],\n  "questions": [,]}', "utf-8")
    err = io.StringIO()
    assert cli_main(["--input", str(src)], stderr=err) == 2
    assert "dòng 2, cột 17" in err.getvalue()


def test_cli_exits_2_when_the_input_file_is_missing(tmp_path):
    err = io.StringIO()
    assert cli_main(["--input", str(tmp_path / "none.json")], stderr=err) == 2
