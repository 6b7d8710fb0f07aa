"""Importing people, a chunk at a time: person (by CCCD), open posting, party membership.

A person already known keeps their row; a different unit closes the open posting the day
before "Công tác từ ngày" and opens a new one (a transfer). Blank optional cells keep the
stored value, so an exported file re-imports as a no-op."""
import datetime
import re
from functools import lru_cache

from thidua.common.scope import Scope
from thidua.audit.models import AuditEvent
from thidua.common.text import fold
from thidua.imports import reader as rd
from thidua.imports.layout import PEOPLE_COLUMNS
from thidua.imports.result import (
    MSG_CHOICE,
    MSG_DUP_IN_FILE,
    MSG_OUT_OF_SCOPE,
    MSG_REQUIRED,
    MSG_TOO_LONG,
    MSG_UNIT_CLOSED,
    MSG_UNIT_UNKNOWN,
    ImportResult,
)
from thidua.imports.writer import AuditLog, insert_rows, update_rows
from thidua.organizations.models import PartyOrg, Unit
from thidua.people.models import Gender, PartyMembership, Person, Posting, StaffType

MSG_CCCD = "số CCCD phải gồm đúng 12 chữ số: {value}"
MSG_BIRTH = "ngày sinh không hợp lệ: {value}"
MSG_PARTY_UNKNOWN = "mã tổ chức đảng không tồn tại: {code}"
MSG_CARD_TAKEN = "số thẻ đảng viên {card} đã thuộc về người có số CCCD {cccd}"
MSG_START_BEFORE_OPEN = "ngày bắt đầu ở đơn vị mới phải sau ngày bắt đầu công tác hiện tại ({d})"

CCCD_RE = re.compile(r"^\d{12}$")
H = {c.key: c.header for c in PEOPLE_COLUMNS}
STAFF_BY_WORD = {**{fold(v): v for v in StaffType.values}, **{fold(lab): v for v, lab in StaffType.choices}}
GENDER_BY_WORD = {**{fold(v): v for v in Gender.values}, **{fold(lab): v for v, lab in Gender.choices}}
PERSON_FIELDS = ["citizen_id", "party_card_no", "full_name", "name_folded", "birth_date", "gender", "email", "phone",
                 "recruited_on", "user_id", "unit_id", "unit_path", "position", "staff_type", "is_leader",
                 "party_org_id", "party_path", "is_party_member"]
PERSON_UPDATE = ["party_card_no", "full_name", "name_folded", "birth_date", "gender", "recruited_on", "unit_id",
                 "unit_path", "position", "staff_type", "is_leader", "party_org_id", "party_path", "is_party_member"]
POSTING_FIELDS = ["person_id", "unit_id", "position", "staff_type", "is_leader", "grade_group", "is_secondment",
                  "start", "end", "decision_no"]
MEMBER_FIELDS = ["person_id", "party_org_id", "card_no", "start", "end", "status"]
DAY = datetime.timedelta(days=1)
_fold = lru_cache(maxsize=10_000)(fold)


class _P:
    def __init__(self, path: str):
        self.path = path


class PeopleImport:
    def __init__(self, scope: Scope, result: ImportResult):
        self.scope, self.result = scope, result
        self.today = datetime.date.today()
        self.units = {u["code"]: u for u in Unit.objects.values("id", "code", "name", "path", "valid_to")}
        self.orgs = {o["code"]: o for o in PartyOrg.objects.values("id", "code", "path")}
        self.seen: dict[str, int] = {}
        self.cards: dict[str, int] = {}
        self.unit_ok: dict[str, bool] = {}

    # --- parsing ---------------------------------------------------------------------
    def _parse(self, number: int, v: list) -> dict | None:
        res, ok = self.result, True

        def err(key, msg):
            nonlocal ok
            ok = False
            res.error(number, H[key], msg)

        cccd = rd.citizen_id(v[0])
        if not CCCD_RE.match(cccd):
            err("citizen_id", MSG_CCCD.format(value=cccd) if cccd else MSG_REQUIRED.format(label=H["citizen_id"]))
        elif cccd in self.seen:
            err("citizen_id", MSG_DUP_IN_FILE.format(what=f"số CCCD {cccd}", row=self.seen[cccd]))
        else:
            self.seen[cccd] = number
        out = {"row": number, "citizen_id": cccd}
        for key, i, n, required in (("full_name", 1, 120, True), ("position", 6, 120, False),
                                    ("grade_group", 8, 60, False), ("party_card_no", 11, 20, False)):
            s = rd.text(v[i])
            if required and not s:
                err(key, MSG_REQUIRED.format(label=H[key]))
            elif len(s) > n:
                err(key, MSG_TOO_LONG.format(label=H[key], n=n))
            out[key] = s
        for key, i in (("birth_date", 2), ("start", 9), ("recruited_on", 10), ("party_start", 13)):
            try:
                out[key] = rd.date(v[i], H[key].lower())
            except rd.CellError as exc:
                out[key] = None
                err(key, str(exc))
        b = out["birth_date"]
        if b is not None and not (datetime.date(1900, 1, 1) <= b < self.today):
            err("birth_date", MSG_BIRTH.format(value=b.strftime("%d/%m/%Y")))
        try:
            out["is_leader"] = rd.flag(v[7], H["is_leader"])
        except rd.CellError as exc:
            err("is_leader", str(exc))
        out["gender"] = self._choice(v[3], GENDER_BY_WORD, "gender", err, required=False)
        out["staff_type"] = self._choice(v[5], STAFF_BY_WORD, "staff_type", err, required=True)
        out["unit"] = self._unit(rd.code(v[4]), err)
        out["party_org"] = None
        org = rd.code(v[12])
        if org:
            out["party_org"] = self.orgs.get(org)
            if out["party_org"] is None:
                err("party_org", MSG_PARTY_UNKNOWN.format(code=org))
        card = out["party_card_no"]
        if card:
            if card in self.cards:
                err("party_card_no", MSG_DUP_IN_FILE.format(what=f"số thẻ đảng viên {card}", row=self.cards[card]))
            else:
                self.cards[card] = number
        return out if ok else None

    def _choice(self, value, table, key, err, *, required):
        if value is None:
            if required:
                err(key, MSG_REQUIRED.format(label=H[key]))
            return ""
        found = table.get(_fold(rd.text(value)))
        if found is None:
            err(key, MSG_CHOICE.format(label=H[key], value=rd.text(value)))
        return found or ""

    def _unit(self, code: str, err):
        if not code:
            err("unit", MSG_REQUIRED.format(label=H["unit"]))
            return None
        unit = self.units.get(code)
        if unit is None:
            err("unit", MSG_UNIT_UNKNOWN.format(code=code))
        elif unit["valid_to"] is not None:
            err("unit", MSG_UNIT_CLOSED.format(code=code))
        else:
            if code not in self.unit_ok:
                self.unit_ok[code] = self.scope.can_unit(_P(unit["path"]), "edit_people")
            if not self.unit_ok[code]:
                err("unit", MSG_OUT_OF_SCOPE.format(code=code))
            else:
                return unit
        return None

    # --- planning --------------------------------------------------------------------
    can_overlap = True   # parse() touches no database

    def plan(self, chunk: list) -> dict:
        return self.plan_parsed(chunk, self.parse(chunk))

    def parse(self, chunk: list) -> list:
        return [p for p in (self._parse(n, v) for n, v in chunk) if p is not None]

    def plan_parsed(self, chunk: list, parsed: list) -> dict:
        return self.plan_rows(chunk, parsed, self.lookup(parsed))

    def lookup(self, parsed: list) -> tuple:
        """Stored persons, open postings and memberships, card owners: the database reads of planning."""
        cccds = [p["citizen_id"] for p in parsed]
        persons = {p["citizen_id"]: p for p in Person.objects.filter(citizen_id__in=cccds).values("id", *PERSON_FIELDS)}
        ids = [p["id"] for p in persons.values()]
        postings = {p["person_id"]: p for p in Posting.objects.filter(
            person_id__in=ids, end__isnull=True, is_secondment=False).values("id", *POSTING_FIELDS)}
        members = {m["person_id"]: m for m in PartyMembership.objects.filter(
            person_id__in=ids, end__isnull=True).values("id", *MEMBER_FIELDS)}
        cards = [p["party_card_no"] for p in parsed if p["party_card_no"]]
        owners = dict(Person.objects.filter(party_card_no__in=cards).values_list("party_card_no", "citizen_id"))
        return persons, postings, members, owners

    def plan_rows(self, chunk: list, parsed: list, found: tuple) -> dict:
        persons, postings, members, owners = found
        plan = {"new": [], "person_update": [], "posting_close": [], "posting_update": [], "posting_new": [],
                "member_close": [], "member_new": []}
        for p in parsed:
            owner = owners.get(p["party_card_no"])
            if owner and owner != p["citizen_id"]:
                self.result.error(p["row"], H["party_card_no"],
                                  MSG_CARD_TAKEN.format(card=p["party_card_no"], cccd=owner))
                continue
            cur = persons.get(p["citizen_id"])
            if cur is None:
                self._plan_new(p, plan)
            else:
                self._plan_existing(p, cur, postings.get(cur["id"]), members.get(cur["id"]), plan)
        return plan

    def _plan_new(self, p: dict, plan: dict) -> None:
        unit, org = p["unit"], p["party_org"]
        person = {
            "citizen_id": p["citizen_id"], "party_card_no": p["party_card_no"] or None, "full_name": p["full_name"],
            "name_folded": fold(p["full_name"]), "birth_date": p["birth_date"], "gender": p["gender"], "email": "",
            "phone": "", "recruited_on": p["recruited_on"], "user_id": None, "unit_id": unit["id"],
            "unit_path": unit["path"], "position": p["position"], "staff_type": p["staff_type"],
            "is_leader": bool(p["is_leader"]), "party_org_id": org["id"] if org else None,
            "party_path": org["path"] if org else "", "is_party_member": org is not None,
        }
        posting = {"person_id": None, "unit_id": unit["id"], "position": p["position"], "staff_type": p["staff_type"],
                   "is_leader": bool(p["is_leader"]), "grade_group": p["grade_group"], "is_secondment": False,
                   "start": p["start"] or p["recruited_on"] or self.today, "end": None, "decision_no": ""}
        member = None
        if org:
            member = {"person_id": None, "party_org_id": org["id"], "card_no": p["party_card_no"],
                      "start": p["party_start"] or self.today, "end": None, "status": "full"}
        plan["new"].append((person, posting, member, unit["name"], org["code"] if org else ""))
        self.result.count_row(True, False)

    def _plan_existing(self, p: dict, cur: dict, posting: dict | None, member: dict | None, plan: dict) -> None:
        new = dict(cur, full_name=p["full_name"], name_folded=fold(p["full_name"]))
        for key in ("birth_date", "recruited_on", "party_card_no", "gender"):
            if p[key]:
                new[key] = p[key]
        unit, created, touched = p["unit"], False, False
        want = {"unit_id": unit["id"], "staff_type": p["staff_type"],
                "position": p["position"] if p["position"] else (posting or {}).get("position", ""),
                "is_leader": bool(p["is_leader"]),
                "grade_group": p["grade_group"] if p["grade_group"] else (posting or {}).get("grade_group", "")}
        if posting is None or posting["unit_id"] != unit["id"] or (
                any(posting[k] != v for k, v in want.items()) and p["start"] and p["start"] > posting["start"]):
            start = p["start"] or (self.today if posting else (p["recruited_on"] or self.today))
            if posting is not None:
                if start <= posting["start"]:
                    self.result.error(p["row"], H["start"],
                                      MSG_START_BEFORE_OPEN.format(d=posting["start"].strftime("%d/%m/%Y")))
                    return
                plan["posting_close"].append((posting, dict(posting, end=start - DAY)))
            plan["posting_new"].append((dict(want, person_id=cur["id"], is_secondment=False, start=start, end=None,
                                             decision_no=""), unit["name"]))
            created = True
        elif any(posting[k] != v for k, v in want.items()):
            plan["posting_update"].append((posting, dict(posting, **want)))
            touched = True
        org = p["party_org"]
        if org and (member is None or member["party_org_id"] != org["id"]):
            start = p["party_start"] or self.today
            if member is not None:
                start = max(self.today, member["start"] + DAY)
                plan["member_close"].append((member, dict(member, end=start - DAY)))
            plan["member_new"].append(({"person_id": cur["id"], "party_org_id": org["id"],
                                        "card_no": new["party_card_no"] or "", "start": start, "end": None,
                                        "status": "full"}, org["code"]))
            created = True
        new.update(unit_id=unit["id"], unit_path=unit["path"], position=want["position"],
                   staff_type=want["staff_type"], is_leader=want["is_leader"])
        if org:
            new.update(party_org_id=org["id"], party_path=org["path"], is_party_member=True)
        changed = any(new[k] != cur[k] for k in PERSON_UPDATE)
        if changed:
            plan["person_update"].append((cur, new))
        self.result.count_row(created, changed or touched)

    # --- writing ---------------------------------------------------------------------
    def write(self, actor, plan: dict) -> None:
        log, res = AuditLog(actor), self.result
        persons = [n[0] for n in plan["new"]]
        insert_rows(Person, persons)
        for person, posting, member, _, _ in plan["new"]:
            posting["person_id"] = person["id"]
            if member:
                member["person_id"] = person["id"]
        update_rows(Posting, [new for _, new in plan["posting_close"]], ["end"])
        update_rows(PartyMembership, [new for _, new in plan["member_close"]], ["end"])
        postings = [n[1] for n in plan["new"]] + [n[0] for n in plan["posting_new"]]
        members = [n[2] for n in plan["new"] if n[2]] + [n[0] for n in plan["member_new"]]
        insert_rows(Posting, postings)
        insert_rows(PartyMembership, members)
        update_rows(Posting, [new for _, new in plan["posting_update"]], ["position", "staff_type", "is_leader",
                                                                          "grade_group"])
        update_rows(Person, [new for _, new in plan["person_update"]], PERSON_UPDATE)
        for person, posting, member, unit_name, org_code in plan["new"]:
            # one event per created person: its posting and party membership are part of `after`
            after = dict(person, posting=dict(posting, unit_name=unit_name))
            if member:
                after["party_membership"] = dict(member, party_org_code=org_code)
            log.add(AuditEvent.CREATE, Person, after, subject=f"people.person:{person['id']}",
                    repr_=person["full_name"], verb="import_person")
        for key, model in (("posting_close", Posting), ("posting_update", Posting), ("member_close", PartyMembership),
                           ("person_update", Person)):
            for cur, new in plan[key]:
                log.add(AuditEvent.UPDATE, model, new, before=cur, subject=f"people.person:{new.get('person_id', new['id'])}",
                        repr_=new.get("full_name", ""))
        for row, name in plan["posting_new"]:
            log.add(AuditEvent.CREATE, Posting, row, subject=f"people.person:{row['person_id']}", repr_=name)
        for row, code in plan["member_new"]:
            log.add(AuditEvent.CREATE, PartyMembership, row, subject=f"people.person:{row['person_id']}", repr_=code)
        res.count_object("create", "people.person", len(persons))
        res.count_object("update", "people.person", len(plan["person_update"]))
        res.count_object("create", "people.posting", len(postings))
        res.count_object("create", "people.partymembership", len(members))
        log.flush()
