"""Writing many people at once: persons (by CCCD), their open posting and party membership.

The bulk counterpart of people.services, as Zulip keeps `bulk_add_subscriptions` beside its
`do_*` actions: the same permission (the Scope may post people to the unit, `edit_people`), the
same rules and messages (people.validators), then set-based writes (COPY on PostgreSQL) and the
audit events written in bulk, in the caller's transaction.

Two ways in:
- `people_save_bulk(actor=…, scope=…, rows=[…])`: one call, one transaction; raises BulkInvalid
  (every problem, nothing written) when a row breaks a rule.
- `PeopleBulkWriter`, step by step, for a caller that streams a large file in chunks inside its own
  transaction (thidua.imports): `check(row)` (pure Python), `lookup(rows)` (the only reads),
  `plan(rows, stored)` (pure Python), `write(plan)` (the only writes).

A row is a dict of typed values (see ROW_FIELDS); "row" is the caller's label for it (the import:
its row number), repeated in every Problem. A person already stored keeps their row: a different
unit closes the open posting the day before "start" and opens a new one (a transfer); blank
optional values keep what is stored, so writing the same rows again changes nothing.

The set-based writes (`insert_rows`, `update_rows`, `Problem`, `BulkInvalid`) are thidua.common.bulk's
and the bulk audit log is thidua.audit.bulk's, shared with records.bulk and the units import."""
import datetime
from dataclasses import dataclass, field

from django.db import transaction

from thidua.audit.bulk import AuditLog
from thidua.audit.models import AuditEvent
from thidua.common.bulk import BulkInvalid, Problem, insert_rows, update_rows
from thidua.common.context import Actor
from thidua.common.errors import MSG_FORBIDDEN
from thidua.common.permissions import allowed
from thidua.common.scope import Scope
from thidua.common.text import fold, name_sort_key
from thidua.organizations.models import PartyOrg, Unit
from thidua.people.models import PartyMembership, Person, Posting
from thidua.people.permissions import PERSON_CREATE
from thidua.people.validators import (
    MSG_CARD_TAKEN,
    MSG_PARTY_ORG_UNKNOWN,
    check_citizen_id,
    check_date,
    check_posting_unit,
    check_start_after_open,
    check_unit_code,
    date_range,
    person_problems,
    posting_problems,
    repeated,
)

DAY = datetime.timedelta(days=1)

# what a row holds (typed values; None or "" where the caller has nothing to say)
ROW_FIELDS = ("row", "citizen_id", "full_name", "birth_date", "gender", "unit_code", "staff_type", "position",
              "is_leader", "grade_group", "start", "recruited_on", "party_card_no", "party_org_code", "party_start")
# columns written for a new person, and those a later row may change
PERSON_COLUMNS = ["citizen_id", "party_card_no", "full_name", "name_folded", "sort_key", "birth_date", "gender",
                  "email", "phone",
                  "recruited_on", "user_id", "unit_id", "unit_path", "position", "staff_type", "is_leader",
                  "party_org_id", "party_path", "is_party_member"]
PERSON_UPDATE_COLUMNS = ["party_card_no", "full_name", "name_folded", "sort_key", "birth_date", "gender",
                         "recruited_on",
                         "unit_id", "unit_path", "position", "staff_type", "is_leader", "party_org_id", "party_path",
                         "is_party_member"]
POSTING_COLUMNS = ["person_id", "unit_id", "position", "staff_type", "is_leader", "grade_group", "is_secondment",
                   "start", "end", "decision_no"]
POSTING_UPDATE_COLUMNS = ["position", "staff_type", "is_leader", "grade_group"]
MEMBERSHIP_COLUMNS = ["person_id", "party_org_id", "card_no", "start", "end", "status"]
# the kept values of an open posting a row may change without a transfer
POSTING_KEPT = ("unit_id", "staff_type", "position", "is_leader", "grade_group")


@dataclass
class PeoplePlan:
    """What `write` will do, decided by `plan`; problems found while planning are in `problems`
    (a plan with problems must not be written) and `outcomes` says, for each row planned,
    (row label, created something, updated something)."""
    new: list = field(default_factory=list)              # (person, posting, membership or None, unit name, org code)
    person_updates: list = field(default_factory=list)   # (stored, new) person columns
    posting_closes: list = field(default_factory=list)   # (stored, closed) open postings a transfer closes
    posting_updates: list = field(default_factory=list)  # (stored, new) open postings changed in place
    posting_opens: list = field(default_factory=list)    # (posting, unit name) for stored persons
    membership_closes: list = field(default_factory=list)
    membership_opens: list = field(default_factory=list)  # (membership, party org code) for stored persons
    problems: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


@dataclass
class StoredPeople:
    """The stored rows a chunk's planning compares with (read by `lookup`)."""
    persons: dict        # citizen id → person columns
    open_postings: dict  # person id → posting columns
    open_memberships: dict
    card_owners: dict    # party card number → citizen id of its holder


class PeopleBulkWriter:
    """The step-by-step writer (see the module's docstring); it keeps, across the chunks of one
    batch, the CCCDs and party cards seen (a repeat is a problem)."""

    def __init__(self, *, actor: Actor, scope: Scope, verb_prefix: str = "bulk",
                 today: datetime.date | None = None):
        self.actor, self.scope, self.verb_prefix = actor, scope, verb_prefix
        self.today = today or datetime.date.today()
        self.date_bounds = date_range(self.today)
        # few enough to keep in memory: rows name them by code
        self.units = {unit.code: unit for unit in Unit.objects.only("id", "code", "name", "path", "valid_to")}
        self.party_orgs = {org.code: org for org in PartyOrg.objects.only("id", "code", "path")}
        self.unit_allowed: dict[str, bool] = {}
        self.first_row_of_citizen_id: dict[str, object] = {}
        self.first_row_of_card: dict[str, object] = {}

    # --- checking (pure Python) ------------------------------------------------------
    def may_post_to(self, unit: Unit) -> bool:
        """The services' permission: the scope may post people to the unit (edit_people)."""
        may_post = self.unit_allowed.get(unit.code)
        if may_post is None:
            may_post = self.unit_allowed[unit.code] = allowed(self.scope, PERSON_CREATE, unit)
        return may_post

    def check(self, row: dict) -> list[Problem]:
        """Every rule the row breaks; sets row["unit"] and row["party_org"] (None when unknown).
        The same CCCD or party card twice in the rows checked so far is a problem of the later row."""
        label, problems = row["row"], []
        citizen_id = row["citizen_id"]
        message = check_citizen_id(citizen_id)
        if message is None:
            first = self.first_row_of_citizen_id.setdefault(citizen_id, label)
            if first != label:
                message = repeated(f"số CCCD {citizen_id}", first)
        if message:
            problems.append(Problem(label, "citizen_id", message))
        for name, message in person_problems(
                full_name=row["full_name"], birth_date=row["birth_date"], recruited_on=row["recruited_on"],
                gender=row["gender"], party_card_no=row["party_card_no"], today=self.today,
                bounds=self.date_bounds):
            problems.append(Problem(label, name, message))
        unit = row["unit"] = self.units.get(row["unit_code"]) if row["unit_code"] else None
        message = check_unit_code(row["unit_code"], unit) or check_posting_unit(unit)
        if message is None and not self.may_post_to(unit):
            message = MSG_FORBIDDEN
        if message:
            problems.append(Problem(label, "unit", message))
        for name, message in posting_problems(
                unit=unit, staff_type=row["staff_type"], start=row["start"], position=row["position"],
                grade_group=row["grade_group"], bounds=self.date_bounds):
            if name != "unit":   # reported above, with the code's own messages
                problems.append(Problem(label, name, message))
        problems.extend(self._check_party(row, label))
        return problems

    def _check_party(self, row: dict, label) -> list[Problem]:
        problems = []
        org_code = row["party_org_code"]
        org = row["party_org"] = self.party_orgs.get(org_code) if org_code else None
        if org_code and org is None:
            problems.append(Problem(label, "party_org", MSG_PARTY_ORG_UNKNOWN))
        message = check_date(row["party_start"], self.date_bounds)
        if message:
            problems.append(Problem(label, "party_start", message))
        card = row["party_card_no"]
        if card:
            first = self.first_row_of_card.setdefault(card, label)
            if first != label:
                problems.append(Problem(label, "party_card_no", repeated(f"số thẻ đảng viên {card}", first)))
        return problems

    # --- reading what is stored -------------------------------------------------------
    def lookup(self, rows: list[dict]) -> StoredPeople:
        """Stored persons, their open postings and memberships, the holders of the rows' party cards."""
        citizen_ids = [row["citizen_id"] for row in rows]
        persons = {person["citizen_id"]: person for person in
                   Person.objects.filter(citizen_id__in=citizen_ids).values("id", *PERSON_COLUMNS)}
        person_ids = [person["id"] for person in persons.values()]
        postings = {posting["person_id"]: posting for posting in Posting.objects.filter(
            person_id__in=person_ids, end__isnull=True, is_secondment=False).values("id", *POSTING_COLUMNS)}
        memberships = {membership["person_id"]: membership for membership in PartyMembership.objects.filter(
            person_id__in=person_ids, end__isnull=True).values("id", *MEMBERSHIP_COLUMNS)}
        cards = [row["party_card_no"] for row in rows if row["party_card_no"]]
        owners = dict(Person.objects.filter(party_card_no__in=cards).values_list("party_card_no", "citizen_id"))
        return StoredPeople(persons, postings, memberships, owners)

    # --- planning (pure Python) --------------------------------------------------------
    def plan(self, rows: list[dict], stored: StoredPeople) -> PeoplePlan:
        """Rows that passed `check`, compared with what is stored."""
        plan = PeoplePlan()
        for row in rows:
            owner = stored.card_owners.get(row["party_card_no"])
            if owner and owner != row["citizen_id"]:
                plan.problems.append(Problem(row["row"], "party_card_no", MSG_CARD_TAKEN))
                continue
            person = stored.persons.get(row["citizen_id"])
            if person is None:
                self._plan_new(row, plan)
            else:
                self._plan_stored(row, person, stored.open_postings.get(person["id"]),
                                  stored.open_memberships.get(person["id"]), plan)
        return plan

    def _plan_new(self, row: dict, plan: PeoplePlan) -> None:
        unit, org = row["unit"], row["party_org"]
        person = {
            "citizen_id": row["citizen_id"], "party_card_no": row["party_card_no"] or None,
            "full_name": row["full_name"], "name_folded": fold(row["full_name"]),
            "sort_key": name_sort_key(row["full_name"]), "birth_date": row["birth_date"],
            "gender": row["gender"], "email": "", "phone": "", "recruited_on": row["recruited_on"], "user_id": None,
            "unit_id": unit.id, "unit_path": unit.path, "position": row["position"], "staff_type": row["staff_type"],
            "is_leader": bool(row["is_leader"]), "party_org_id": org.id if org else None,
            "party_path": org.path if org else "", "is_party_member": org is not None,
        }
        posting = {"person_id": None, "unit_id": unit.id, "position": row["position"],
                   "staff_type": row["staff_type"], "is_leader": bool(row["is_leader"]),
                   "grade_group": row["grade_group"], "is_secondment": False,
                   "start": row["start"] or row["recruited_on"] or self.today, "end": None, "decision_no": ""}
        membership = None
        if org:
            membership = {"person_id": None, "party_org_id": org.id, "card_no": row["party_card_no"],
                          "start": row["party_start"] or self.today, "end": None, "status": "full"}
        plan.new.append((person, posting, membership, unit.name, org.code if org else ""))
        plan.outcomes.append((row["row"], True, False))

    def _plan_stored(self, row: dict, person: dict, posting: dict | None, membership: dict | None,
                     plan: PeoplePlan) -> None:
        changed_person = dict(person, full_name=row["full_name"], name_folded=fold(row["full_name"]),
                              sort_key=name_sort_key(row["full_name"]))
        for name in ("birth_date", "recruited_on", "party_card_no", "gender"):
            if row[name]:
                changed_person[name] = row[name]
        unit = row["unit"]
        wanted = {"unit_id": unit.id, "staff_type": row["staff_type"],
                  "position": row["position"] or (posting or {}).get("position", ""),
                  "is_leader": bool(row["is_leader"]),
                  "grade_group": row["grade_group"] or (posting or {}).get("grade_group", "")}
        posting_differs = posting is not None and any(posting[name] != wanted[name] for name in POSTING_KEPT)
        created = touched = False
        if posting is None or posting["unit_id"] != unit.id or (
                posting_differs and row["start"] and row["start"] > posting["start"]):
            # a new posting: a transfer (or a change dated after the open posting began)
            start = row["start"] or (self.today if posting else (row["recruited_on"] or self.today))
            if posting is not None:
                message = check_start_after_open(start, posting["start"])
                if message:
                    plan.problems.append(Problem(row["row"], "start", message))
                    return
                plan.posting_closes.append((posting, dict(posting, end=start - DAY)))
            plan.posting_opens.append((dict(wanted, person_id=person["id"], is_secondment=False, start=start,
                                            end=None, decision_no=""), unit.name))
            created = True
        elif posting_differs:
            plan.posting_updates.append((posting, dict(posting, **wanted)))
            touched = True
        org = row["party_org"]
        if org and (membership is None or membership["party_org_id"] != org.id):
            start = row["party_start"] or self.today
            if membership is not None:
                start = max(self.today, membership["start"] + DAY)
                plan.membership_closes.append((membership, dict(membership, end=start - DAY)))
            plan.membership_opens.append(({"person_id": person["id"], "party_org_id": org.id,
                                           "card_no": changed_person["party_card_no"] or "", "start": start,
                                           "end": None, "status": "full"}, org.code))
            created = True
        changed_person.update(unit_id=unit.id, unit_path=unit.path, position=wanted["position"],
                              staff_type=wanted["staff_type"], is_leader=wanted["is_leader"])
        if org:
            changed_person.update(party_org_id=org.id, party_path=org.path, is_party_member=True)
        changed = any(changed_person[name] != person[name] for name in PERSON_UPDATE_COLUMNS)
        if changed:
            plan.person_updates.append((person, changed_person))
        plan.outcomes.append((row["row"], created, changed or touched))

    # --- writing ---------------------------------------------------------------------
    def write(self, plan: PeoplePlan) -> dict[str, int]:
        """Write a plan without problems; returns "action label" → number of objects."""
        assert not plan.problems, "a plan with problems is never written"
        audit = AuditLog(self.actor, self.verb_prefix)
        persons = [new[0] for new in plan.new]
        insert_rows(Person, persons)
        for person, posting, membership, _, _ in plan.new:
            posting["person_id"] = person["id"]
            if membership:
                membership["person_id"] = person["id"]
        update_rows(Posting, [closed for _, closed in plan.posting_closes], ["end"])
        update_rows(PartyMembership, [closed for _, closed in plan.membership_closes], ["end"])
        postings = [new[1] for new in plan.new] + [opened for opened, _ in plan.posting_opens]
        memberships = [new[2] for new in plan.new if new[2]] + [opened for opened, _ in plan.membership_opens]
        insert_rows(Posting, postings)
        insert_rows(PartyMembership, memberships)
        update_rows(Posting, [changed for _, changed in plan.posting_updates], POSTING_UPDATE_COLUMNS)
        update_rows(Person, [changed for _, changed in plan.person_updates], PERSON_UPDATE_COLUMNS)
        self._audit(audit, plan)
        audit.flush()
        return {"create people.person": len(persons), "update people.person": len(plan.person_updates),
                "create people.posting": len(postings), "create people.partymembership": len(memberships)}

    def _audit(self, audit: "AuditLog", plan: PeoplePlan) -> None:
        for person, posting, membership, unit_name, org_code in plan.new:
            # one event per created person: its posting and party membership are part of `after`
            after = dict(person, posting=dict(posting, unit_name=unit_name))
            if membership:
                after["party_membership"] = dict(membership, party_org_code=org_code)
            audit.add(AuditEvent.CREATE, Person, after, subject=f"people.person:{person['id']}",
                      label=person["full_name"], verb=f"{self.verb_prefix}_person")
        for changes, model in ((plan.posting_closes, Posting), (plan.posting_updates, Posting),
                               (plan.membership_closes, PartyMembership), (plan.person_updates, Person)):
            for stored, changed in changes:
                person_id = changed.get("person_id", changed["id"])
                audit.add(AuditEvent.UPDATE, model, changed, before=stored, subject=f"people.person:{person_id}",
                          label=changed.get("full_name", ""))
        for posting, unit_name in plan.posting_opens:
            audit.add(AuditEvent.CREATE, Posting, posting, subject=f"people.person:{posting['person_id']}",
                      label=unit_name)
        for membership, org_code in plan.membership_opens:
            audit.add(AuditEvent.CREATE, PartyMembership, membership,
                      subject=f"people.person:{membership['person_id']}", label=org_code)


@transaction.atomic
def people_save_bulk(*, actor: Actor, scope: Scope, rows: list[dict], verb_prefix: str = "bulk") -> PeoplePlan:
    """Create or update many people (rows as ROW_FIELDS) in one transaction; BulkInvalid lists every
    problem and nothing is written."""
    writer = PeopleBulkWriter(actor=actor, scope=scope, verb_prefix=verb_prefix)
    rows = [dict(row) for row in rows]
    problems = [problem for row in rows for problem in writer.check(row)]
    if problems:
        raise BulkInvalid(problems)
    plan = writer.plan(rows, writer.lookup(rows))
    if plan.problems:
        raise BulkInvalid(plan.problems)
    writer.write(plan)
    return plan
