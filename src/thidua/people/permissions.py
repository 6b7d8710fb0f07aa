"""Who may change people, their postings, party membership and leave (see thidua.common.permissions)."""
from thidua.common.permissions import party_can, permission, person_can, unit_can

# A person is created in (and transferred into) a unit whose people the user manages;
# the object is the unit, or the posting with its `unit`.
PERSON_CREATE = permission("person.create", unit_can("edit_people"))
PERSON_EDIT = permission("person.edit", person_can("edit_people"))
POSTING_OPEN = permission("posting.open", unit_can("edit_people", attr="unit"))
# Party membership: the person's personnel officer or the party officer of the receiving organisation
# (the object is the membership with its `person` and `party_org`).
PARTY_MEMBERSHIP_OPEN = permission("party_membership.open",
                                   person_can("edit_people", attr="person") | party_can("edit_party", attr="party_org"))
