"""Reads of yearly history, grouped by year for the person and unit pages."""
from collections import defaultdict

from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.people.models import Person
from thidua.records.models import Award, CollectiveStats, Discipline, Initiative, YearRecord

HISTORY_MODELS = {"yearrecord": YearRecord, "award": Award, "initiative": Initiative, "discipline": Discipline}


def history_get_for_user(scope, *, kind: str, pk: int):
    """A yearly fact whose subject (person or unit) the user can see; 404 otherwise."""
    model = HISTORY_MODELS.get(kind)
    obj = model.objects.filter(pk=pk).select_related("person", "unit").first() if model else None
    subject = obj.subject if obj else None
    if subject is None:
        raise Http404(MSG_NOT_FOUND)
    visible = scope.can_person(subject) if isinstance(subject, Person) else scope.can_unit(subject)
    if not visible:
        raise Http404(MSG_NOT_FOUND)
    return obj


def _by_year(rows, key: str, into: dict) -> None:
    for r in rows:
        into[r.year][key].append(r)


def _empty():
    return {"records": [], "awards": [], "initiatives": [], "disciplines": [], "stats": []}


def history_for_person(person) -> list[dict]:
    years: dict[int, dict] = defaultdict(_empty)
    _by_year(YearRecord.objects.filter(person=person), "records", years)
    _by_year(Award.objects.filter(person=person), "awards", years)
    _by_year(Initiative.objects.filter(person=person), "initiatives", years)
    _by_year(Discipline.objects.filter(person=person), "disciplines", years)
    return [{"year": y, **v} for y, v in sorted(years.items(), reverse=True)]


def history_for_units(units) -> list[dict]:
    """History of a collective and its predecessors (lineage), newest year first."""
    ids = [u.pk for u in units]
    years: dict[int, dict] = defaultdict(_empty)
    _by_year(YearRecord.objects.filter(unit_id__in=ids).select_related("unit"), "records", years)
    _by_year(Award.objects.filter(unit_id__in=ids).select_related("unit"), "awards", years)
    _by_year(Initiative.objects.filter(unit_id__in=ids).select_related("unit"), "initiatives", years)
    _by_year(Discipline.objects.filter(unit_id__in=ids).select_related("unit"), "disciplines", years)
    _by_year(CollectiveStats.objects.filter(unit_id__in=ids).select_related("unit"), "stats", years)
    return [{"year": y, **v} for y, v in sorted(years.items(), reverse=True)]
