"""Reading official papers within the user's scope: the register of an issuer, one document, templates."""
from django.http import Http404

from thidua.common.errors import MSG_NOT_FOUND
from thidua.common.scope import Scope
from thidua.documents.models import Document, DocumentTemplate
from thidua.organizations.models import Unit


def documents_for_user(scope: Scope, *, issuer: Unit | None = None, state: str = "", kind: str = "", year=None):
    """The register: documents of the issuers the scope sees, signed ones by number, newest first."""
    qs = Document.objects.filter(scope.units_q("view", prefix="issuer__")).select_related("issuer")
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-created_at", "-pk")


def document_get_for_user(scope: Scope, pk) -> Document:
    document = Document.objects.select_related("issuer", "template", "signer").filter(pk=pk).first()
    if document is None or not scope.can_unit(document.issuer, "view"):
        raise Http404(MSG_NOT_FOUND)
    return document


def templates_for_user(scope: Scope, issuer: Unit | None = None):
    qs = DocumentTemplate.objects.filter(scope.units_q("view", prefix="issuer__")).select_related(
        "issuer", "uploaded_by").defer("content")
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    return qs.order_by("issuer__path", "kind", "-version")


def template_get_for_user(scope: Scope, pk) -> DocumentTemplate:
    template = DocumentTemplate.objects.select_related("issuer").filter(pk=pk).first()
    if template is None or not scope.can_unit(template.issuer, "view"):
        raise Http404(MSG_NOT_FOUND)
    return template


def issuers_for_user(scope: Scope, limit: int = 300) -> list[Unit]:
    """The units a user drafts for: the units of their roles (and below, the two next levels) or, for an
    administrator, the top of the tree."""
    qs = Unit.objects.filter(valid_to__isnull=True)
    if scope.is_admin:
        return list(qs.filter(depth__lte=2).order_by("path")[:limit])
    return list(qs.filter(scope.units_q("view")).order_by("path")[:limit])
