"""The roles a user can hold, named once: accounts stores them, permissions and workflow phases name them."""
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    EMULATION_OFFICER = "emulation_officer", "Cán bộ thi đua, khen thưởng"
    PERSONNEL_OFFICER = "personnel_officer", "Cán bộ tổ chức, cán bộ"
    PARTY_OFFICER = "party_officer", "Cán bộ cấp ủy"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐKT"
    CLUSTER_HEAD = "cluster_head", "Khối trưởng khối thi đua"
    LEADER = "leader", "Lãnh đạo"
    STAFF = "staff", "Cán bộ, công chức, viên chức"


# What each role may do inside its scope (a unit subtree, a party subtree or a cluster):
# - view: read people, units, history inside the scope (view_own: only one's own record);
# - edit_people: people, postings, leave, party membership;
# - edit_history: yearly grades, titles, awards, initiatives, discipline, collective stats;
# - edit_units: create/rename/merge/split/dissolve units below the scoped unit;
# - edit_clusters: clusters, their members and offices;
# - edit_party: party organisations and their members.
CAPABILITIES = {
    Role.ADMIN: {"view", "edit_people", "edit_history", "edit_units", "edit_clusters", "edit_party"},
    Role.PERSONNEL_OFFICER: {"view", "edit_people", "edit_history", "edit_units"},
    Role.EMULATION_OFFICER: {"view", "edit_history"},
    Role.PARTY_OFFICER: {"view", "edit_party", "edit_history"},
    Role.COUNCIL_MEMBER: {"view"},
    Role.LEADER: {"view"},
    Role.CLUSTER_HEAD: {"view", "edit_clusters"},
    Role.STAFF: {"view_own"},
}
