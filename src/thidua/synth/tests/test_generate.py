"""thidua generate: consistent denormalised fields and titles, refusal without --replace."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from thidua.audit.models import AuditEvent
from thidua.common.text import fold
from thidua.organizations.models import Cluster, ClusterOffice, PartyOrg, Unit
from thidua.people.models import PartyMembership, Person, Posting
from thidua.records.models import Award, YearRecord

pytestmark = pytest.mark.django_db


def _generate(*extra):
    call_command("generate", "--people", "300", "--years", "3", "--units", "40", "--no-progress", *extra,
                 stdout=io.StringIO(), stderr=io.StringIO())


def test_it_generates_consistent_people():
    _generate()
    people = list(Person.objects.select_related("unit", "party_org"))
    assert len(people) == 300
    open_postings = dict(Posting.objects.filter(end__isnull=True).values_list("person_id").annotate(n=Count("id")))
    for p in people:
        assert p.unit_path == p.unit.path
        assert open_postings[p.pk] == 1
        assert p.name_folded == fold(p.full_name)
        assert len(p.citizen_id) == 12 and p.citizen_id.isdigit()
        assert p.is_party_member == (p.party_org_id is not None)
        if p.party_org_id:
            assert p.party_path == p.party_org.path
    opened = {(m.person_id, m.party_org_id) for m in PartyMembership.objects.filter(end__isnull=True)}
    assert opened == {(p.pk, p.party_org_id) for p in people if p.party_org_id}
    current = {(x.person_id): x for x in Posting.objects.filter(end__isnull=True)}
    assert all(current[p.pk].unit_id == p.unit_id and current[p.pk].staff_type == p.staff_type for p in people)


def test_it_builds_consistent_trees_and_clusters():
    _generate()
    units = {u.pk: u for u in Unit.objects.filter(code__startswith="G-")}
    assert 30 <= len(units) <= 50
    for u in units.values():
        expected = (units[u.parent_id].path if u.parent_id else "/") + f"{u.pk}/"
        assert u.path == expected and u.depth == expected.count("/") - 2
    for org in PartyOrg.objects.filter(code__startswith="G-").select_related("parent"):
        assert org.path == (org.parent.path if org.parent else "/") + f"{org.pk}/"
    assert Cluster.objects.filter(code__startswith="G-").exists()
    heads = ClusterOffice.objects.filter(role="head").values("cluster", "year").annotate(n=Count("id"))
    assert all(h["n"] == 1 for h in heads)
    assert AuditEvent.objects.filter(verb="generate").count() == 1


def test_it_keeps_titles_consistent_with_grades():
    _generate()
    grades = {(r.person_id, r.year): r.grade for r in YearRecord.objects.filter(person__isnull=False, track="government")}
    titles = Award.objects.filter(person__isnull=False, code__in=["LDTT", "CSTT", "CSTDCS"])
    assert titles.exists()
    assert all(grades[(a.person_id, a.year)] in ("good", "excellent") for a in titles)
    cstdcs = {(a.person_id, a.year) for a in Award.objects.filter(code="CSTDCS")}
    ldtt = {(a.person_id, a.year) for a in Award.objects.filter(Q(code="LDTT") | Q(code="CSTT"))}
    assert cstdcs <= ldtt


def test_it_refuses_to_generate_twice_unless_replace():
    _generate()
    with pytest.raises(CommandError, match="--replace"):
        _generate()
    _generate("--replace")
    assert Person.objects.count() == 300
    assert Unit.objects.filter(code__startswith="G-").count() <= 50
