"""Evaluation: the fast matrix path and the explained JSON answers, from the same rules."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from . import codes as C
from . import logic as L
from .catalog import GRADE_REGIMES, TARGETS_BY_CODE, emulation_regime, grade_regime_ids
from .checks import Ctx
from .columnar import ColumnarHistory
from .messages import MESSAGES, MSG_NO_REGIME, MSG_UNKNOWN_SUBJECT, MSG_UNKNOWN_TARGET
from .validation import validate_document

ALL_TARGETS: tuple[str, ...] = tuple(TARGETS_BY_CODE)


class _Contexts:
    """One Ctx per (rule set, year) so shared sub-results (LĐTT standard…) are computed once."""

    def __init__(self, col: ColumnarHistory, year: int, explain: bool):
        self.col, self.year, self.explain = col, year, explain
        self._ctx: dict[str, Ctx] = {}
        self._grade_ids = None

    def get(self, regime) -> Ctx:
        if regime.id not in self._ctx:
            self._ctx[regime.id] = Ctx(self.col, self.year, regime, explain=self.explain)
        return self._ctx[regime.id]

    def grade_ids(self) -> np.ndarray:
        if self._grade_ids is None:
            self._grade_ids = grade_regime_ids(self.col.kind, self.col.staff_type, self.year)
        return self._grade_ids


def _evaluate(ctxs: _Contexts, code: str, *, with_checks: bool):
    """-> (tri, regime id per subject (array) or str, {regime id: (Ctx, Res, per_kind)})."""
    col = ctxs.col
    if code.startswith("grade:"):
        ids = ctxs.grade_ids()
        tri = L.full(col.n, C.U)
        parts = {}
        for rid in np.unique(ids) if col.n else []:
            ctx = ctxs.get(GRADE_REGIMES[rid])
            res, per_kind = ctx.regime.evaluate(ctx, code, with_checks=True)
            sel = ids == rid
            tri = np.where(sel, res.tri, tri).astype(L.TRI)
            parts[rid] = (ctx, res, per_kind)
        return tri, ids, parts
    regime = emulation_regime(ctxs.year)
    ctx = ctxs.get(regime)
    if with_checks:
        res, per_kind = regime.evaluate(ctx, code, with_checks=True)
    else:
        res, per_kind = regime.evaluate(ctx, code), {}
    return res.tri, regime.id, {regime.id: (ctx, res, per_kind)}


def evaluate_matrix(columnar: ColumnarHistory, targets: Iterable[str] | None, year: int
                    ) -> dict[str, np.ndarray]:
    """For every target: an int8 array over the subjects, 1 eligible, 0 not, -1 unknown.

    No message is formatted. `targets=None` means every target of the catalog."""
    if emulation_regime(year) is None:
        raise ValueError(MSG_NO_REGIME.format(year=year))
    ctxs = _Contexts(columnar, year, explain=False)
    out = {}
    for code in (ALL_TARGETS if targets is None else targets):
        if code not in TARGETS_BY_CODE:
            raise KeyError(MSG_UNKNOWN_TARGET.format(target=code))
        tri, _, _ = _evaluate(ctxs, code, with_checks=False)
        out[code] = L.to_public(tri)
    return out


# ---------------------------------------------------------------------------------------
def _scalar(v, i):
    if isinstance(v, list):
        return v[i]
    if isinstance(v, tuple):
        return tuple(_scalar(x, i) for x in v)
    return v


def _text(template, d):
    if template is None:
        return None
    if callable(template):
        return template(d)
    return template.format(**d) if "{" in template else template


_SOURCES: dict = {}
_CONSTANT: dict = {}


def _source(check, year: int) -> str:
    key = (id(check), year)
    if key not in _SOURCES:
        _SOURCES[key] = check.source_for(year)
    return _SOURCES[key]


def _check_json(check, res, i, base: dict, year: int):
    tri, details = res.lists()
    v = tri[i]
    msgs = MESSAGES[check.message or check.id]
    if not details:       # wording depends only on the year and the target: cache it
        key = (id(check), base["name"], year, v)
        hit = _CONSTANT.get(key)
        if hit is None:
            hit = _CONSTANT[key] = _check_json_build(check, v, dict(base), year, msgs)
        out, d = hit
        return dict(out), v, d, msgs
    d = dict(base)
    for k, arr in details.items():
        d[k] = _scalar(arr, i)
    out, d = _check_json_build(check, v, d, year, msgs)
    return out, v, d, msgs


def _check_json_build(check, v, d, year, msgs):
    key = {C.T: "ok", C.F: "fail", C.U: "unknown"}[v]
    text = _text(msgs.get(key) or msgs.get("ok") or msgs.get("unknown"), d)
    out = {"rule": check.id, "ok": L.to_json(v), "message": text,
           "source": _source(check, year), "level": check.level}
    if not check.verified:
        out["verified"] = False
    return out, d


def _answer(q: dict, col: ColumnarHistory, i: int, tri, regime_ids, parts) -> dict:
    code, year = q["target"], q["year"]
    rid = regime_ids[i] if isinstance(regime_ids, np.ndarray) else regime_ids
    _ctx, res, per_kind = parts[rid]
    kind = int(col.kind[i])
    t = TARGETS_BY_CODE[code]
    base = {"Y": year, "name": t.name,
            "target_kind": C.KIND_COLLECTIVE if t.kind == "collective" else C.KIND_INDIVIDUAL}
    checks, lacking = [], []
    for check, r in per_kind.get(kind, []):
        cj, v, d, msgs = _check_json(check, r, i, base, year)
        checks.append(cj)
        if v == C.F and msgs.get("lack") is not None:
            lk = _text(msgs["lack"], d)
            lacking += lk if isinstance(lk, list) else [lk]
    v = int(tri[i])
    missing: list[str] = []
    if v == C.F:
        missing = list(dict.fromkeys(lacking))
    elif v == C.U:
        missing = list(dict.fromkeys(lbl for lbl, m in res.missing if m[i]))
    return {"subject": q["subject"], "target": code, "year": year, "eligible": L.to_json(v),
            "regime": rid, "checks": checks, "missing": missing}


def _error_answer(q: dict, message: str, regime=None) -> dict:
    return {"subject": q["subject"], "target": q["target"], "year": q["year"],
            "eligible": None, "regime": regime, "checks": [], "missing": [], "error": message}


def answer_document(doc: dict) -> dict:
    """The full contract of eligibility-json.md. Raises InvalidDocument on bad input."""
    validate_document(doc)
    subjects = doc["subjects"]
    questions = doc["questions"]
    col = ColumnarHistory.from_subjects(subjects)
    answers: list = [None] * len(questions)
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for qi, q in enumerate(questions):
        if q["target"] not in TARGETS_BY_CODE:
            answers[qi] = _error_answer(q, MSG_UNKNOWN_TARGET.format(target=q["target"]))
        elif col.index_of(q["subject"]) is None:
            reg = emulation_regime(q["year"])
            answers[qi] = _error_answer(q, MSG_UNKNOWN_SUBJECT.format(subject=q["subject"]),
                                        None if q["target"].startswith("grade:") or reg is None
                                        else reg.id)
        else:
            groups[(q["target"], q["year"])].append(qi)
    by_year: dict[int, _Contexts] = {}
    for (code, year), qis in groups.items():
        ctxs = by_year.setdefault(year, _Contexts(col, year, explain=True))
        tri, regime_ids, parts = _evaluate(ctxs, code, with_checks=True)
        for qi in qis:
            q = questions[qi]
            answers[qi] = _answer(q, col, col.index_of(q["subject"]), tri, regime_ids, parts)
    return {"answers": answers}


def explain(subject: dict, target: str, year: int) -> dict:
    """One explained answer for one subject dict (the person page)."""
    doc = {"subjects": [subject],
           "questions": [{"subject": subject["id"], "target": target, "year": year}]}
    return answer_document(doc)["answers"][0]
