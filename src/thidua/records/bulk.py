"""Writing many yearly facts at once: grades (government and party track), titles and forms,
initiatives, discipline and a collective's member counts.

The bulk counterpart of records.services: the same permissions (the subject lies in the scope's
`edit_history` reach, records.permissions.HISTORY_EDIT; a grade only while its unit's year is open,
GRADE_EDIT), the same rules and messages (records.validators), then set-based writes (COPY on
PostgreSQL, common.bulk.insert_rows) and the audit written in bulk, in the caller's transaction.

The input is a list of entries, one subject's facts for one year (the shape of a history entry in
eligibility-json.md), as dicts of typed values (ENTRY_FIELDS); "row" is the caller's label for the
entry (the import: its row number), repeated in every Problem. Facts are matched on their natural
keys (subject+year+track for grades, subject+year+code+kind for awards, subject+year+title for
initiatives, subject+year+track+form for discipline, unit+year for member counts): a stored fact is
updated where the entry says something new, so writing the same entries again changes nothing. The
same fact twice in one batch is a problem of the later entry.

Audit: one event per updated fact (before/after) and, for the facts created, one event per subject
whose "after" lists them (an import of 100k people writes ~1.9M facts).

Two ways in, as in people.bulk: `history_save_bulk(…)` (one transaction, BulkInvalid on any
problem), or `HistoryBulkWriter` step by step (`check`, `lookup`, `plan`, `write`, `finish`) for a
caller streaming a large file inside its own transaction."""
import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.utils.text import capfirst

from thidua.audit.bulk import AuditLog
from thidua.audit.models import AuditEvent
from thidua.common.bulk import BulkInvalid, Problem, insert_rows, update_rows
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN
from thidua.common.permissions import allowed
from thidua.common.scope import Scope
from thidua.common.workflow import phase_allows
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.validators import MSG_UNIT_UNKNOWN, check_citizen_id
from thidua.records import codes as record_codes
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, Source, YearRecord
from thidua.records.permissions import HISTORY_EDIT, MSG_GRADES_LOCKED, locked_unit_paths
from thidua.records.validators import (
    MSG_PERSON_UNKNOWN,
    MSG_STATS_PERSON,
    MSG_SUBJECT_BOTH,
    MSG_SUBJECT_MISSING,
    check_award_code,
    check_award_kind,
    check_discipline_form,
    check_grade,
    check_initiative_level,
    check_initiative_title,
    check_months,
    check_text,
    check_year,
    repeated_fact,
    stats_problems,
    year_range,
)
from thidua.records.workflows import EDIT_GRADE, GRADE_YEAR, LOCKED, OPEN

# what an entry holds (typed values; None, "" or empty lists where the caller has nothing to say)
ENTRY_FIELDS = ("row", "citizen_id", "unit_code", "year", "grade", "party_grade", "months_worked", "award_codes",
                "award_kind", "decision_no", "decision_date", "authority", "initiatives", "initiative_level",
                "discipline_forms", "stats")
STATS_FIELDS = ("total", "completed", "ldtt", "cstdcs", "disciplined", "cluster_rank", "cluster_size")

# kind → model, and the columns read and written for it
MODELS = {"year_record": YearRecord, "award": Award, "initiative": Initiative, "discipline": Discipline,
          "stats": CollectiveStats}
COLUMNS = {
    "year_record": ["person_id", "unit_id", "year", "source", "track", "grade", "score", "months_worked", "note"],
    "award": ["person_id", "unit_id", "year", "source", "code", "category", "kind", "decision_no", "decision_date",
              "authority"],
    "initiative": ["person_id", "unit_id", "year", "source", "title", "level", "kind", "recognized_on",
                   "decision_no", "used_for"],
    "discipline": ["person_id", "unit_id", "year", "source", "form", "track", "decided_on", "served_from",
                   "served_to", "decision_no"],
    "stats": ["unit_id", "year", *STATS_FIELDS, "source"],
}
# kind → the natural key of a stored fact, after the subject id
NATURAL_KEYS = {
    "year_record": lambda fact: (fact["year"], fact["track"]),
    "award": lambda fact: (fact["year"], fact["code"], fact["kind"]),
    "initiative": lambda fact: (fact["year"], fact["title"]),
    "discipline": lambda fact: (fact["year"], fact["track"], fact["form"]),
}
# kind → (type in the subject's audit event, fields kept besides id and year): compact on purpose,
# the id leads to the full row
AUDIT_FACTS = {
    "year_record": ("grade", ("track", "grade")),
    "award": ("award", ("code",)),
    "initiative": ("initiative", ("title",)),
    "discipline": ("discipline", ("form",)),
    "stats": ("stats", ("total",)),
}
AUDIT_ORDER = {kind: position for position, kind in enumerate(AUDIT_FACTS)}
GRADE_TRACKS = (("government", "grade", "Xếp loại"), ("party", "party_grade", "Xếp loại Đảng"))
LOOKUP_BATCH = 10_000
DEFAULT_AWARD_KIND = "regular"
DEFAULT_INITIATIVE_LEVEL = "unit"

UNCHANGED, UPDATED, CREATED, REPEATED = 0, 1, 2, -1


def _no_facts() -> dict[str, list]:
    return {kind: [] for kind in MODELS}


@dataclass
class HistoryPlan:
    """What `write` will do: per kind, the facts to create and the (stored, changed) pairs to
    update. `problems` (facts repeated in the batch) forbid writing it; `outcomes` says, per entry
    planned, (row label, created something, updated something); `last_row` is the label up to which
    the caller has handed every entry (subjects whose last entry is before it are complete)."""
    create: dict = field(default_factory=_no_facts)
    update: dict = field(default_factory=_no_facts)
    problems: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    last_row: object = None


class HistoryBulkWriter:
    """The step-by-step writer (see the module's docstring); it keeps, across the chunks of one
    batch, the facts seen (repeats are problems) and the created facts whose subject's audit
    event is not written yet."""

    def __init__(self, *, actor: Actor, scope: Scope, source: str = Source.IMPORT, verb_prefix: str = "bulk",
                 file_name: str = "", last_row_of_subject: dict | None = None, preload_people: bool = False,
                 today: datetime.date | None = None):
        """`last_row_of_subject`: ("person", CCCD) or ("unit", code) → label of the subject's last entry
        in the whole batch (labels in increasing order), so its audit event can be written as soon as
        its facts are; None: every subject's event is written by `finish`. `preload_people`: read
        every person once now (a large batch) instead of the ones each chunk names (`load_people`)."""
        self.actor, self.scope, self.source = actor, scope, str(source)   # "import", not Source.IMPORT
        self.verb_prefix, self.file_name = verb_prefix, file_name
        self.year_bounds = year_range(today)
        self.units = {unit.code: unit for unit in Unit.objects.only("id", "code", "path")}
        self.unit_allowed: dict[str, bool] = {}
        self.people: dict[str, tuple] = {}   # CCCD → (person id, may edit its history, unit path)
        self.preloaded = preload_people
        if preload_people:
            self.load_people(None)
        # the grading phase: which units' years are locked, and whether this scope may grade in each state
        first_year, last_year = self.year_bounds
        self.locked_paths = {year: paths for year in range(first_year, last_year + 1)
                             if (paths := locked_unit_paths(year))}
        self.grade_phase_allows = {state: phase_allows(GRADE_YEAR, EDIT_GRADE, lambda _fact, state=state: state)(
            scope, None) for state in (OPEN, LOCKED)}
        self.code_problems: dict[tuple, str | None] = {}
        self.last_person: tuple = (None, None)   # (CCCD, what _subject found for it)
        self.last_row_hints = last_row_of_subject
        self.last_row_of_subject_id: dict[int, object] = {}
        self.first_row_of_fact: dict[str, dict] = {kind: {} for kind in MODELS}
        self.created_not_audited = _no_facts()

    # --- subjects ----------------------------------------------------------------------
    # A subject id is a person's id, or minus a unit's id: one key space for both kinds of subject.

    def load_people(self, citizen_ids: list[str] | None) -> None:
        """Read the persons with these CCCDs (None: everyone) and whether the scope may edit their history."""
        persons = Person.objects.values_list("citizen_id", "id", "unit_path", "party_path")
        batches = [None] if citizen_ids is None else [citizen_ids[start:start + LOOKUP_BATCH]
                                                      for start in range(0, len(citizen_ids), LOOKUP_BATCH)]
        for batch in batches:
            found = persons if batch is None else persons.filter(citizen_id__in=batch)
            for citizen_id, person_id, unit_path, party_path in found.iterator(chunk_size=20_000):
                person = SimpleNamespace(pk=person_id, unit_path=unit_path, party_path=party_path)
                may_edit = allowed(self.scope, HISTORY_EDIT, SimpleNamespace(person_id=person_id, person=person))
                self.people[citizen_id] = (person_id, may_edit, unit_path)

    def missing_people(self, entries: list[dict]) -> list[str]:
        """The CCCDs the entries name that `load_people` has not read yet."""
        if self.preloaded:
            return []
        return sorted({entry["citizen_id"] for entry in entries if entry["citizen_id"]} - self.people.keys())

    def _may_edit_unit(self, unit: Unit) -> bool:
        may_edit = self.unit_allowed.get(unit.code)
        if may_edit is None:
            may_edit = self.unit_allowed[unit.code] = allowed(
                self.scope, HISTORY_EDIT, SimpleNamespace(person_id=None, unit=unit))
        return may_edit

    def _subject(self, entry: dict, problems: list) -> tuple[int | None, bool | None, str]:
        """(subject id, collective, unit path) of the entry; (None, None, "") with a problem."""
        label, citizen_id, unit_code = entry["row"], entry["citizen_id"], entry["unit_code"]
        if citizen_id is not None and unit_code is None and citizen_id == self.last_person[0]:
            return self.last_person[1]   # the same person as the entry before (a subject's years follow each other)
        found = self._find_subject(label, citizen_id, unit_code, problems)
        if citizen_id is not None and unit_code is None and found[0] is not None:
            self.last_person = (citizen_id, found)
        return found

    def _find_subject(self, label, citizen_id: str | None, unit_code: str | None,
                      problems: list) -> tuple[int | None, bool | None, str]:
        if citizen_id and unit_code:
            problems.append(Problem(label, "citizen_id", MSG_SUBJECT_BOTH))
            return None, None, ""
        if citizen_id:
            message = check_citizen_id(citizen_id)
            found = None if message else self.people.get(citizen_id)
            if message is None:
                message = MSG_PERSON_UNKNOWN if found is None else (None if found[1] else MSG_FORBIDDEN)
            if message:
                problems.append(Problem(label, "citizen_id", message))
                return None, None, ""
            subject_id, key, path = found[0], ("person", citizen_id), found[2]
        elif not unit_code:
            problems.append(Problem(label, "citizen_id", MSG_SUBJECT_MISSING))
            return None, None, ""
        else:
            unit = self.units.get(unit_code)
            message = MSG_UNIT_UNKNOWN if unit is None else (None if self._may_edit_unit(unit) else MSG_FORBIDDEN)
            if message:
                problems.append(Problem(label, "unit_code", message))
                return None, None, ""
            subject_id, key, path = -unit.id, ("unit", unit_code), unit.path
        if self.last_row_hints is not None and subject_id not in self.last_row_of_subject_id:
            self.last_row_of_subject_id[subject_id] = self.last_row_hints.get(key, label)
        return subject_id, subject_id < 0, path

    # --- checking (pure Python) ------------------------------------------------------
    # A million entries go through here: a check is called only for the values an entry states.

    def check(self, entry: dict) -> list[Problem]:
        """Every rule the entry breaks; sets entry["subject_id"] (None when the subject is wrong)."""
        problems: list[Problem] = []
        label, year = entry["row"], entry["year"]
        subject_id, collective, path = self._subject(entry, problems)
        entry["subject_id"] = subject_id
        year_problem = check_year(year, self.year_bounds)
        if year_problem:
            problems.append(Problem(label, "year", year_problem))
        grade, party_grade, months = entry["grade"], entry["party_grade"], entry["months_worked"]
        if grade and (message := check_grade(grade)):
            problems.append(Problem(label, "grade", message))
        if party_grade and (message := check_grade(party_grade)):
            problems.append(Problem(label, "party_grade", message))
        if months is not None and (message := check_months(months)):
            problems.append(Problem(label, "months_worked", message))
        if (year in self.locked_paths and subject_id is not None and year_problem is None
                and (grade or party_grade or months is not None)
                and (message := self._grade_phase_problem(path, year))):
            problems.append(Problem(label, "year", message))
        if entry["award_codes"] or entry["award_kind"] is not None or entry["decision_no"] or entry["authority"]:
            self._check_awards(entry, collective, problems)
        if entry["initiatives"] or entry["initiative_level"] is not None or entry["discipline_forms"]:
            self._check_initiatives_and_discipline(entry, problems)
        if entry["stats"] is not None:
            if subject_id is not None and not collective:
                problems.append(Problem(label, "total", MSG_STATS_PERSON))
            else:
                problems.extend(Problem(label, name, message) for name, message in stats_problems(**entry["stats"]))
        return problems

    def _grade_phase_problem(self, path: str, year: int) -> str | None:
        """GRADE_EDIT, set-based: a grade is locked when its subject lies under a unit whose year is locked."""
        state = LOCKED if path and any(path.startswith(locked) for locked in self.locked_paths[year]) else OPEN
        return None if self.grade_phase_allows[state] else MSG_GRADES_LOCKED.format(year=year)

    def _check_awards(self, entry: dict, collective: bool | None, problems: list) -> None:
        label, code_problems = entry["row"], self.code_problems
        for code in entry["award_codes"]:
            key = (code, collective)
            if key not in code_problems:   # few distinct codes: each is checked once per kind of subject
                code_problems[key] = check_award_code(code, collective)
            if code_problems[key]:
                problems.append(Problem(label, "award_codes", code_problems[key], code))
        if entry["award_kind"] is not None and (message := check_award_kind(entry["award_kind"])):
            problems.append(Problem(label, "award_kind", message))
        for name in ("decision_no", "authority"):
            if entry[name] and (message := check_text(name, entry[name])):
                problems.append(Problem(label, name, message))

    def _check_initiatives_and_discipline(self, entry: dict, problems: list) -> None:
        label = entry["row"]
        for title in entry["initiatives"]:
            if message := check_initiative_title(title):
                problems.append(Problem(label, "initiatives", message, title))
        if entry["initiative_level"] is not None and (message := check_initiative_level(entry["initiative_level"])):
            problems.append(Problem(label, "initiative_level", message))
        for form in entry["discipline_forms"]:
            if message := check_discipline_form(form):
                problems.append(Problem(label, "discipline_forms", message, form))

    # --- reading what is stored -------------------------------------------------------
    def lookup(self, entries: list[dict]) -> dict[str, dict]:
        """The stored facts of the entries' subjects: kind → natural key (subject id first) → columns."""
        subject_ids = {entry["subject_id"] for entry in entries}
        person_ids = [subject_id for subject_id in subject_ids if subject_id > 0]
        unit_ids = [-subject_id for subject_id in subject_ids if subject_id < 0]
        stored = {kind: {} for kind in MODELS}
        for kind, natural_key in NATURAL_KEYS.items():
            model = MODELS[kind]
            for attname, ids, sign in (("person_id", person_ids, 1), ("unit_id", unit_ids, -1)):
                for start in range(0, len(ids), LOOKUP_BATCH):
                    batch = ids[start:start + LOOKUP_BATCH]
                    for fact in model.objects.filter(**{f"{attname}__in": batch}).values("id", *COLUMNS[kind]):
                        stored[kind][(sign * fact[attname], *natural_key(fact))] = fact
        for start in range(0, len(unit_ids), LOOKUP_BATCH):
            batch = unit_ids[start:start + LOOKUP_BATCH]
            for fact in CollectiveStats.objects.filter(unit_id__in=batch).values("id", *COLUMNS["stats"]):
                stored["stats"][(-fact["unit_id"], fact["year"])] = fact
        return stored

    # --- planning (pure Python) --------------------------------------------------------
    def plan(self, entries: list[dict], stored: dict[str, dict], last_row=None) -> HistoryPlan:
        """Entries that passed `check`, compared with what is stored."""
        plan = HistoryPlan(last_row=last_row)
        for entry in entries:
            self._plan_entry(entry, stored, plan)
        return plan

    def _base(self, entry: dict) -> dict:
        subject_id = entry["subject_id"]
        return {"person_id": subject_id if subject_id > 0 else None,
                "unit_id": -subject_id if subject_id < 0 else None, "year": entry["year"], "source": self.source}

    def _plan_entry(self, entry: dict, stored: dict, plan: HistoryPlan) -> None:
        subject_id, year, outcomes = entry["subject_id"], entry["year"], []
        add = outcomes.append
        base = self._base(entry)   # the subject, year and source every fact of the entry carries
        for track, name, what in GRADE_TRACKS:
            grade = entry[name]
            months = entry["months_worked"] if track == "government" else None
            if grade is None and months is None:
                continue
            new = dict(base, track=track, grade=grade or "", score=None, months_worked=months, note="")
            add(self._plan_fact("year_record", (subject_id, year, track), entry, name, None, what, new,
                                {"grade": grade, "months_worked": months}, stored, plan))
        if entry["award_codes"]:
            self._plan_awards(entry, base, stored, plan, add)
        for title in entry["initiatives"]:
            new = dict(base, title=title, level=entry["initiative_level"] or DEFAULT_INITIATIVE_LEVEL,
                       kind="initiative", recognized_on=None, decision_no="", used_for="")
            add(self._plan_fact("initiative", (subject_id, year, title), entry, "initiatives", title,
                                f"Sáng kiến “{title}”", new, {"level": entry["initiative_level"]}, stored, plan))
        for form in entry["discipline_forms"]:
            new = dict(base, form=form, track="government", decided_on=None, served_from=None,
                       served_to=None, decision_no="")
            add(self._plan_fact("discipline", (subject_id, year, "government", form), entry, "discipline_forms",
                                form, f"Kỷ luật {form}", new, {}, stored, plan))
        if entry["stats"] is not None:
            stats = {name: entry["stats"].get(name) for name in STATS_FIELDS}
            for name in ("completed", "ldtt", "cstdcs", "disciplined"):
                stats[name] = stats[name] or 0
            new = dict(unit_id=-subject_id, year=year, **stats, source=self.source)
            add(self._plan_fact("stats", (subject_id, year), entry, "total", None, "Số liệu tập thể", new,
                                stats, stored, plan))
        if REPEATED not in outcomes:
            plan.outcomes.append((entry["row"], CREATED in outcomes, UPDATED in outcomes))

    def _plan_awards(self, entry: dict, base: dict, stored: dict, plan: HistoryPlan, add) -> None:
        subject_id, year = entry["subject_id"], entry["year"]
        kind = entry["award_kind"] or DEFAULT_AWARD_KIND
        decision = {"decision_no": entry["decision_no"] or None, "decision_date": entry["decision_date"],
                    "authority": entry["authority"] or None}
        for code in entry["award_codes"]:
            new = dict(base, code=code, category=record_codes.CATEGORIES[code], kind=kind,
                       decision_no=entry["decision_no"], decision_date=entry["decision_date"],
                       authority=entry["authority"])
            add(self._plan_fact("award", (subject_id, year, code, kind), entry, "award_codes", code, code, new,
                                decision, stored, plan))

    def _plan_fact(self, kind: str, key: tuple, entry: dict, field_name: str, value, what: str, new: dict,
                   compared: dict, stored: dict, plan: HistoryPlan) -> int:
        """Plan one fact: CREATED, UPDATED (what `compared` says differs from the stored fact, where
        it says something), UNCHANGED, or REPEATED (already in this batch: a problem)."""
        first_rows = self.first_row_of_fact[kind]
        if key in first_rows:
            plan.problems.append(Problem(entry["row"], field_name, repeated_fact(capfirst(what), entry["year"],
                                                                                   first_rows[key]), value))
            return REPEATED
        first_rows[key] = entry["row"]
        current = stored[kind].get(key)
        if current is None:
            plan.create[kind].append(new)
            return CREATED
        changes = {name: changed for name, changed in compared.items()
                   if changed is not None and current[name] != changed}
        if changes:
            plan.update[kind].append((current, dict(current, **changes)))
            return UPDATED
        return UNCHANGED

    # --- writing ---------------------------------------------------------------------
    def write(self, plan: HistoryPlan) -> dict[str, int]:
        """Write a plan without problems; returns "action label" → number of objects."""
        assert not plan.problems, "a plan with problems is never written"
        audit, counts = AuditLog(self.actor, self.verb_prefix), {}
        for kind, model in MODELS.items():
            created = plan.create[kind]
            insert_rows(model, created)
            self.created_not_audited[kind].extend(created)
            updates = plan.update[kind]
            if updates:
                columns = [name for name in updates[0][1] if name not in ("id", "person_id", "unit_id", "year")]
                update_rows(model, [changed for _, changed in updates], columns)
                for current, changed in updates:
                    subject = (f"people.person:{changed['person_id']}" if changed.get("person_id")
                               else f"organizations.unit:{changed['unit_id']}")
                    audit.add(AuditEvent.UPDATE, model, changed, before=current, subject=subject)
            label = model._meta.label_lower
            counts[f"create {label}"] = len(created)
            counts[f"update {label}"] = len(updates)
        audit.flush()
        if plan.last_row is not None and self.last_row_hints is not None:
            self._audit_created(plan.last_row)
        return counts

    def finish(self) -> None:
        """End of the batch: the audit events of the subjects still pending."""
        self._audit_created(None)

    def _audit_created(self, upto) -> None:
        """One event per subject whose entries are all written (its last row ≤ `upto`; None: all)."""
        if upto is None:
            ready, self.created_not_audited = self.created_not_audited, _no_facts()
        else:
            last_rows, ready = self.last_row_of_subject_id, {}
            for kind, facts in self.created_not_audited.items():
                done, pending = [], []
                for fact in facts:
                    subject_id = fact["person_id"] if fact.get("person_id") else -fact["unit_id"]
                    (done if last_rows.get(subject_id, upto) <= upto else pending).append(fact)
                ready[kind], self.created_not_audited[kind] = done, pending
        audit = AuditLog(self.actor, self.verb_prefix)
        audit_subject_facts(audit, ready, file_name=self.file_name, verb=f"{self.verb_prefix}_history")
        audit.flush()


def audit_subject_facts(audit: AuditLog, created: dict[str, list[dict]], *, file_name: str = "",
                        verb: str = "bulk_history") -> int:
    """One "create" event per subject (person or unit) for the facts in `created` (kind → inserted
    rows with "id"): object = the subject, after = {"file", "facts": [...]}. Returns the number of events.

    Built here from the rows the writer already holds, then written with the other events (COPY on
    PostgreSQL). Measured against building them on the server (INSERT … SELECT … GROUP BY with
    jsonb_agg over the inserted rows): jsonb_build_object + jsonb_agg cost ~6 µs per fact there,
    about ten times this."""
    by_subject: dict[tuple, list] = {}
    for kind, facts in created.items():
        if not facts:
            continue
        order = AUDIT_ORDER[kind]
        fact_type, kept = AUDIT_FACTS[kind]
        for fact in facts:
            person_id = fact.get("person_id")
            subject = ("people.person", person_id) if person_id else ("organizations.unit", fact["unit_id"])
            summary = {"type": fact_type, "id": fact["id"], "year": fact["year"]}
            for name in kept:
                summary[name] = fact[name]
            subject_facts = by_subject.get(subject)
            if subject_facts is None:
                subject_facts = by_subject[subject] = []
            subject_facts.append((fact["year"], order, fact["id"], summary))
    common = {"at": audit.at, "actor_id": audit.user_id, "actor_label": audit.actor.label,
              "action": AuditEvent.CREATE, "verb": verb, "object_repr": "", "before": None, "reason": "",
              "request_id": audit.actor.request_id}
    for (object_type, object_id), facts in by_subject.items():
        facts.sort(key=lambda sortable: sortable[:3])
        audit.events.append(dict(common, object_type=object_type, object_id=str(object_id),
                                 subject=f"{object_type}:{object_id}",
                                 after={"file": file_name, "facts": [sortable[3] for sortable in facts]}))
    return len(by_subject)


@transaction.atomic
def history_save_bulk(*, actor: Actor, scope: Scope, entries: list[dict], source: str = Source.IMPORT,
                      verb_prefix: str = "bulk") -> HistoryPlan:
    """Create or update the facts of many entries (ENTRY_FIELDS) in one transaction; BulkInvalid
    lists every problem and nothing is written."""
    entries = [dict(entry) for entry in entries]
    writer = HistoryBulkWriter(actor=actor, scope=scope, source=source, verb_prefix=verb_prefix)
    writer.load_people(writer.missing_people(entries))
    problems = [problem for entry in entries for problem in writer.check(entry)]
    if problems:
        raise BulkInvalid(problems)
    plan = writer.plan(entries, writer.lookup(entries))
    if plan.problems:
        raise BulkInvalid(plan.problems)
    writer.write(plan)
    writer.finish()
    return plan
