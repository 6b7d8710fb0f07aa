"""What the role may open, for templates: a link or a menu entry is shown only when it answers 200.

    {% load access %}
    {% if scope|sees_unit:unit %}<a href="…">{{ unit.name }}</a>{% else %}{{ unit.name }}{% endif %}
    {% if scope|has_cap:"edit_people" %}…{% endif %}
    {% allowed "unit.edit" unit as can_edit %}

`scope` comes from the context processor (`accounts.context_processors.scope`); the filters follow
the selectors that answer 404 outside the scope (`unit_get_for_user`, `person_get_for_user`,
`party_org_get_for_user`), so a hidden link is exactly a link that would not open."""
from django import template

from thidua.common.permissions import allowed as _allowed

register = template.Library()


@register.filter
def has_cap(scope, cap: str) -> bool:
    """The scope reaches something with this capability (a menu entry, a list page)."""
    return bool(scope) and scope.has(cap)


@register.filter
def sees_unit(scope, unit) -> bool:
    return bool(scope) and unit is not None and scope.can_unit(unit)


@register.filter
def sees_person(scope, person) -> bool:
    return bool(scope) and person is not None and scope.can_person(person)


@register.filter
def sees_party(scope, org) -> bool:
    """As `Scope.party_q`: the organisation lies in a party subtree, or its unit in a unit subtree."""
    if not scope or org is None:
        return False
    if scope.can_party(org):
        return True
    unit = getattr(org, "unit", None)
    return unit is not None and scope.can_unit(unit)


@register.simple_tag(takes_context=True)
def allowed(context, name: str, obj=None) -> bool:
    scope = context.get("scope")
    return bool(scope) and _allowed(scope, name, obj)
