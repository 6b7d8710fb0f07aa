"""Evaluation: the fast matrix path and the explained JSON answers, from the same rules."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from . import codes, logic
from .catalog import GRADE_REGIMES, TARGETS_BY_CODE, emulation_regime, grade_regime_ids
from .checks import Context
from .columnar import ColumnarHistory
from .messages import MESSAGES, MSG_NO_REGIME, MSG_UNKNOWN_SUBJECT, MSG_UNKNOWN_TARGET
from .validation import validate_document

ALL_TARGETS: tuple[str, ...] = tuple(TARGETS_BY_CODE)


class _ContextsOfYear:
    """One Context per rule set for one target year, so shared sub-results (the LĐTT standard…)
    are computed once for all targets."""

    def __init__(self, history: ColumnarHistory, year: int, explain: bool):
        self.history, self.year, self.explain = history, year, explain
        self._contexts: dict[str, Context] = {}
        self._grade_rule_sets = None

    def get(self, regime) -> Context:
        if regime.id not in self._contexts:
            self._contexts[regime.id] = Context(self.history, self.year, regime, explain=self.explain)
        return self._contexts[regime.id]

    def grade_rule_sets(self) -> np.ndarray:
        """Per subject, the id of the rule set that grades it (nd90, nd335, qd…)."""
        if self._grade_rule_sets is None:
            self._grade_rule_sets = grade_regime_ids(self.history.kind, self.history.staff_type, self.year)
        return self._grade_rule_sets


def _evaluate(contexts: _ContextsOfYear, code: str, *, with_checks: bool):
    """-> (verdict, regime id per subject (array) or one str, {regime id: (Context, Result, per_kind)})."""
    history = contexts.history
    if code.startswith("grade:"):
        rule_sets = contexts.grade_rule_sets()
        verdict = logic.filled(history.n, logic.UNKNOWN)
        parts = {}
        for rule_set in np.unique(rule_sets) if history.n else []:
            ctx = contexts.get(GRADE_REGIMES[rule_set])
            result, per_kind = ctx.regime.evaluate(ctx, code, with_checks=True)
            verdict = np.where(rule_sets == rule_set, result.verdict, verdict).astype(logic.TRI_DTYPE)
            parts[rule_set] = (ctx, result, per_kind)
        return verdict, rule_sets, parts
    regime = emulation_regime(contexts.year)
    ctx = contexts.get(regime)
    if with_checks:
        result, per_kind = regime.evaluate(ctx, code, with_checks=True)
    else:
        result, per_kind = regime.evaluate(ctx, code), {}
    return result.verdict, regime.id, {regime.id: (ctx, result, per_kind)}


def _check_targets(targets: Iterable[str] | None, year: int) -> Iterable[str]:
    if emulation_regime(year) is None:
        raise ValueError(MSG_NO_REGIME.format(year=year))
    targets = ALL_TARGETS if targets is None else targets
    for code in targets:
        if code not in TARGETS_BY_CODE:
            raise KeyError(MSG_UNKNOWN_TARGET.format(target=code))
    return targets


def evaluate_matrix(columnar: ColumnarHistory, targets: Iterable[str] | None, year: int
                    ) -> dict[str, np.ndarray]:
    """For every target: an int8 array over the subjects, 1 eligible, 0 not, -1 unknown.

    No message is formatted. `targets=None` means every target of the catalog."""
    targets = _check_targets(targets, year)
    contexts = _ContextsOfYear(columnar, year, explain=False)
    out = {}
    for code in targets:
        verdict, _, _ = _evaluate(contexts, code, with_checks=False)
        out[code] = logic.to_public(verdict)
    return out


def explain_matrix(columnar: ColumnarHistory, targets: Iterable[str] | None, year: int
                   ) -> dict[str, tuple[np.ndarray, list[list[str]]]]:
    """Like evaluate_matrix, plus per subject the missing fields of an unknown answer (the
    `missing` of the JSON contract for a null answer; empty lists otherwise)."""
    targets = _check_targets(targets, year)
    contexts = _ContextsOfYear(columnar, year, explain=True)
    out = {}
    for code in targets:
        verdict, rule_set_of, parts = _evaluate(contexts, code, with_checks=False)
        missing: list[list[str]] = [[] for _ in range(columnar.n)]
        for rule_set, (_ctx, result, _per_kind) in parts.items():
            mine = rule_set_of == rule_set if isinstance(rule_set_of, np.ndarray) else True
            for label, lacking in result.missing:
                for i in np.flatnonzero(lacking & mine & (verdict == logic.UNKNOWN)).tolist():
                    if label not in missing[i]:
                        missing[i].append(label)
        out[code] = (logic.to_public(verdict), missing)
    return out


# ---------------------------------------------------------------------------------------
def _scalar(value, i):
    """The i-th subject's value of a detail (lists are per subject, scalars shared)."""
    if isinstance(value, list):
        return value[i]
    if isinstance(value, tuple):
        return tuple(_scalar(x, i) for x in value)
    return value


def _text(template, details):
    if template is None:
        return None
    if callable(template):
        return template(details)
    return template.format(**details) if "{" in template else template


_SOURCES: dict = {}      # (check, year) -> source text
_CONSTANT: dict = {}     # wording that depends only on the check, target, year and verdict


def _source(check, year: int) -> str:
    key = (id(check), year)
    if key not in _SOURCES:
        _SOURCES[key] = check.source_for(year)
    return _SOURCES[key]


def _check_json(check, result, i, base: dict, year: int):
    """-> (the check as JSON, its verdict, the details it was worded from, its messages)."""
    verdicts, details = result.as_lists()
    verdict = verdicts[i]
    messages = MESSAGES[check.message or check.id]
    if not details:       # wording depends only on the year and the target: cache it
        key = (id(check), base["name"], year, verdict)
        hit = _CONSTANT.get(key)
        if hit is None:
            hit = _CONSTANT[key] = _check_json_build(check, verdict, dict(base), year, messages)
        out, worded_from = hit
        return dict(out), verdict, worded_from, messages
    worded_from = dict(base)
    for name, values in details.items():
        worded_from[name] = _scalar(values, i)
    out, worded_from = _check_json_build(check, verdict, worded_from, year, messages)
    return out, verdict, worded_from, messages


def _check_json_build(check, verdict, details, year, messages):
    key = {logic.TRUE: "ok", logic.FALSE: "fail", logic.UNKNOWN: "unknown"}[verdict]
    text = _text(messages.get(key) or messages.get("ok") or messages.get("unknown"), details)
    out = {"rule": check.id, "ok": logic.to_json(verdict), "message": text,
           "source": _source(check, year), "level": check.level}
    if not check.verified:
        out["verified"] = False
    return out, details


def _answer(question: dict, history: ColumnarHistory, i: int, verdicts, rule_set_of, parts) -> dict:
    code, year = question["target"], question["year"]
    rule_set = rule_set_of[i] if isinstance(rule_set_of, np.ndarray) else rule_set_of
    _ctx, result, per_kind = parts[rule_set]
    kind = int(history.kind[i])
    target = TARGETS_BY_CODE[code]
    base = {"Y": year, "name": target.name,
            "target_kind": codes.KIND_COLLECTIVE if target.kind == "collective" else codes.KIND_INDIVIDUAL}
    checks_json, lacking = [], []
    for check, check_result in per_kind.get(kind, []):
        check_out, verdict, details, messages = _check_json(check, check_result, i, base, year)
        checks_json.append(check_out)
        if verdict == logic.FALSE and messages.get("lack") is not None:
            lack = _text(messages["lack"], details)
            lacking += lack if isinstance(lack, list) else [lack]
    verdict = int(verdicts[i])
    missing: list[str] = []
    if verdict == logic.FALSE:
        missing = list(dict.fromkeys(lacking))
    elif verdict == logic.UNKNOWN:
        missing = list(dict.fromkeys(label for label, lacks in result.missing if lacks[i]))
    return {"subject": question["subject"], "target": code, "year": year,
            "eligible": logic.to_json(verdict), "regime": rule_set, "checks": checks_json,
            "missing": missing}


def _error_answer(question: dict, message: str, regime=None) -> dict:
    """An unknown subject or target: null, the message as the error and as what is missing."""
    return {"subject": question["subject"], "target": question["target"], "year": question["year"],
            "eligible": None, "regime": regime, "checks": [], "missing": [message], "error": message}


def answer_document(doc: dict) -> dict:
    """The full contract of eligibility-json.md. Raises InvalidDocument on bad input."""
    validate_document(doc)
    subjects = doc["subjects"]
    questions = doc["questions"]
    history = ColumnarHistory.from_subjects(subjects)
    answers: list = [None] * len(questions)
    by_target_year: dict[tuple[str, int], list[int]] = defaultdict(list)
    for number, question in enumerate(questions):
        if question["target"] not in TARGETS_BY_CODE:
            answers[number] = _error_answer(question, MSG_UNKNOWN_TARGET.format(target=question["target"]))
        elif history.index_of(question["subject"]) is None:
            regime = emulation_regime(question["year"])
            answers[number] = _error_answer(
                question, MSG_UNKNOWN_SUBJECT.format(subject=question["subject"]),
                None if question["target"].startswith("grade:") or regime is None else regime.id)
        else:
            by_target_year[(question["target"], question["year"])].append(number)
    contexts_by_year: dict[int, _ContextsOfYear] = {}
    for (code, year), numbers in by_target_year.items():
        contexts = contexts_by_year.setdefault(year, _ContextsOfYear(history, year, explain=True))
        verdicts, rule_set_of, parts = _evaluate(contexts, code, with_checks=True)
        for number in numbers:
            question = questions[number]
            answers[number] = _answer(question, history, history.index_of(question["subject"]),
                                      verdicts, rule_set_of, parts)
    return {"answers": answers}


def explain(subject: dict, target: str, year: int) -> dict:
    """One explained answer for one subject dict (the person page)."""
    doc = {"subjects": [subject],
           "questions": [{"subject": subject["id"], "target": target, "year": year}]}
    return answer_document(doc)["answers"][0]
