"""Who may draft, sign and template official papers (see thidua.common.permissions).

The office of the issuing unit (emulation and personnel officers) and its leaders draft, edit and
have a document numbered; the signer must be a leader of the issuer (a `leader` role on the issuer
or a unit above it): `document.signer` is asked of the signer's own scope."""
import datetime

import rules
from django.db.models import Q

from thidua.accounts.models import RoleAssignment
from thidua.common.permissions import has_role, is_admin, permission, unit_can
from thidua.common.roles import Role

OFFICE_ROLES = (Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER, Role.LEADER)


def issuer_leaders(issuer):
    """The open leader role assignments on the issuer or a unit above it (one query: the ancestors' ids
    are in the issuer's materialized path)."""
    ancestors = [int(part) for part in issuer.path.strip("/").split("/") if part]
    today = datetime.date.today()
    return RoleAssignment.objects.filter(Q(end__isnull=True) | Q(end__gte=today), role=Role.LEADER,
                                         unit_id__in=ancestors)


@rules.predicate
def leads_issuer(scope, document) -> bool:
    """The scope's user holds a leader role over the issuer (its own unit or one above it)."""
    if document is None or scope is None or not scope.user_id:
        return False
    return issuer_leaders(document.issuer).filter(user_id=scope.user_id).exists()


DOCUMENTS_USE = permission("documents.use", is_admin | has_role(*OFFICE_ROLES))
DOCUMENT_VIEW = permission("document.view", unit_can("view", "issuer"))
DOCUMENT_EDIT = permission("document.edit", is_admin | (has_role(*OFFICE_ROLES) & unit_can("view", "issuer")))
DOCUMENT_SIGN = permission("document.sign", is_admin | (has_role(*OFFICE_ROLES) & unit_can("view", "issuer")))
DOCUMENT_SIGNER = permission("document.signer", leads_issuer)
# the issuer's templates: its officers (a unit is the object)
TEMPLATE_UPLOAD = permission("document.template.upload", is_admin | (
    has_role(Role.EMULATION_OFFICER, Role.PERSONNEL_OFFICER) & unit_can("view")))
CERTIFICATES_PRINT = permission("certificates.print", is_admin | has_role(*OFFICE_ROLES))
