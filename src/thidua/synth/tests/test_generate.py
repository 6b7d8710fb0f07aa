"""thidua generate: consistent denormalised fields and titles, refusal without --replace."""
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from thidua.accounts.models import RoleAssignment
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
    for person in people:
        assert person.unit_path == person.unit.path
        assert open_postings[person.pk] == 1
        assert person.name_folded == fold(person.full_name)
        assert len(person.citizen_id) == 12 and person.citizen_id.isdigit()
        assert person.is_party_member == (person.party_org_id is not None)
        if person.party_org_id:
            assert person.party_path == person.party_org.path
    opened = {(membership.person_id, membership.party_org_id)
              for membership in PartyMembership.objects.filter(end__isnull=True)}
    assert opened == {(person.pk, person.party_org_id) for person in people if person.party_org_id}
    current = {posting.person_id: posting for posting in Posting.objects.filter(end__isnull=True)}
    assert all(current[person.pk].unit_id == person.unit_id and current[person.pk].staff_type == person.staff_type
               for person in people)


def test_it_builds_consistent_trees_and_clusters():
    _generate()
    units = {unit.pk: unit for unit in Unit.objects.filter(code__startswith="G-")}
    assert 30 <= len(units) <= 50
    for unit in units.values():
        expected = (units[unit.parent_id].path if unit.parent_id else "/") + f"{unit.pk}/"
        assert unit.path == expected and unit.depth == expected.count("/") - 2
    for org in PartyOrg.objects.filter(code__startswith="G-").select_related("parent"):
        assert org.path == (org.parent.path if org.parent else "/") + f"{org.pk}/"
    assert Cluster.objects.filter(code__startswith="G-").exists()
    heads = ClusterOffice.objects.filter(role="head").values("cluster", "year").annotate(n=Count("id"))
    assert all(head["n"] == 1 for head in heads)
    assert AuditEvent.objects.filter(verb="generate").count() == 1


def test_it_keeps_titles_consistent_with_grades():
    _generate()
    grades = {(record.person_id, record.year): record.grade
              for record in YearRecord.objects.filter(person__isnull=False, track="government")}
    titles = Award.objects.filter(person__isnull=False, code__in=["LDTT", "CSTT", "CSTDCS"])
    assert titles.exists()
    assert all(grades[(award.person_id, award.year)] in ("good", "excellent") for award in titles)
    cstdcs = {(award.person_id, award.year) for award in Award.objects.filter(code="CSTDCS")}
    ldtt = {(award.person_id, award.year) for award in Award.objects.filter(Q(code="LDTT") | Q(code="CSTT"))}
    assert cstdcs <= ldtt


def _people_and_titles():
    people = sorted(Person.objects.values_list("citizen_id", "full_name", "birth_date", "unit__code"))
    titles = sorted(Award.objects.values_list("person__citizen_id", "unit__code", "year", "code"),
                    key=lambda row: tuple(str(value) for value in row))
    return people, titles


def test_it_refuses_to_generate_twice_unless_replace():
    _generate()
    first = _people_and_titles()
    officer = User.objects.create_user("officer_g")
    RoleAssignment.objects.create(user=officer, role="emulation_officer", unit=Unit.objects.get(code="G-S00"))
    with pytest.raises(CommandError, match="--replace"):
        _generate()
    _generate("--replace")
    assert Person.objects.count() == 300
    assert Unit.objects.filter(code__startswith="G-").count() <= 50
    assert not RoleAssignment.objects.filter(user=officer).exists()  # its unit was deleted
    assert _people_and_titles() == first  # the same seed gives the same data
    # the log keeps the first run, the deletion and the second run
    assert AuditEvent.objects.filter(verb="generate").count() == 3
