"""`thidua render`: a document or a batch of certificates to a file, from the command line.

    thidua render --kind decision --data quyet-dinh.json --format pdf --out qd.pdf
    thidua render --document 42 --format docx --out qd.docx
    thidua render --certificates bang_khen --list danh-sach.xlsx --out bang.pdf

`--data` holds the plain data of a document (issuer, summary, data, recipients, signer…, and number
and signed_on when the paper is already numbered): it is rendered, not stored or numbered."""
import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.common.errors import ValidationError
from thidua.documents import services as svc
from thidua.documents.certificates import FORMS, certificates_render
from thidua.documents.forms import read_rows
from thidua.documents.models import KIND_TITLES, Document, DocumentKind
from thidua.organizations.models import Unit

MSG_WHAT = "Cần một trong ba: --kind với --data, --document, hoặc --certificates với --list."
MSG_JSON = "Không đọc được tệp JSON {path}: {error}"
MSG_NO_DOCUMENT = "Không có văn bản số hiệu {pk}."
MSG_FIELD = "Thiếu trường «{name}» trong {path}."


class _File:
    """A path seen as an upload (name, size, read) for `forms.read_rows`."""

    def __init__(self, path: Path):
        self.name, self.size, self._path = path.name, path.stat().st_size, path

    def read(self):
        return self._path.read_bytes()


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(m for ms in exc.message_dict.values() for m in ms)  # the messages name the row
    return "; ".join(exc.messages)


def unsaved_document(kind: str, values: dict, path) -> Document:
    """A Document built from plain data, not stored: the same checks as a draft, no number given."""
    issuer = Unit.objects.filter(code=str(values.get("issuer", "")).upper()).first()
    for name in ("summary",):
        if not values.get(name):
            raise CommandError(MSG_FIELD.format(name=name, path=path))
    document = Document(kind=kind, issuer=issuer, issuer_name=values.get("issuer_name") or (issuer.name if issuer else ""),
                        superior_name=values.get("superior_name", issuer.parent.name if issuer and issuer.parent else ""),
                        symbol=values.get("symbol") or (svc._symbol(kind, issuer) if issuer else ""),
                        place=values.get("place") or "Hà Nội", title=values.get("title") or KIND_TITLES[kind],
                        summary=values["summary"], data=svc.clean_data(values.get("data")),
                        recipients=svc._lines(values.get("recipients") or [], "recipients"),
                        signer_authority=values.get("signer_authority", ""),
                        signer_position=values.get("signer_position", ""), signer_name=values.get("signer_name", ""))
    if values.get("number"):
        document.number = int(values["number"])
        document.signed_on = datetime.date.fromisoformat(values.get("signed_on") or datetime.date.today().isoformat())
        document.year = document.signed_on.year
    return document


class Command(BaseCommand):
    help = "Xuất văn bản (.docx/.pdf) hoặc in bằng khen, giấy khen hàng loạt ra tệp PDF."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=DocumentKind.values, help="loại văn bản")
        parser.add_argument("--data", help="tệp JSON dữ liệu văn bản")
        parser.add_argument("--document", type=int, help="số hiệu văn bản đã lưu")
        parser.add_argument("--format", choices=["docx", "pdf"], default="pdf")
        parser.add_argument("--certificates", choices=list(FORMS), help="mẫu bằng")
        parser.add_argument("--list", help="danh sách .xlsx hoặc .json")
        parser.add_argument("--out", required=True, help="tệp kết quả")

    def handle(self, *args, **opts):
        out = Path(opts["out"])
        try:
            if opts["certificates"] and opts["list"]:
                rows = read_rows(_File(Path(opts["list"])))
                content = certificates_render(opts["certificates"], rows)
            elif opts["document"]:
                document = Document.objects.filter(pk=opts["document"]).select_related("template").first()
                if document is None:
                    raise CommandError(MSG_NO_DOCUMENT.format(pk=opts["document"]))
                content = svc.document_render(document, opts["format"])
            elif opts["kind"] and opts["data"]:
                try:
                    values = json.loads(Path(opts["data"]).read_text(encoding="utf-8-sig"))
                except (OSError, ValueError) as exc:
                    raise CommandError(MSG_JSON.format(path=opts["data"], error=exc)) from None
                content = svc.document_render(unsaved_document(opts["kind"], values, opts["data"]), opts["format"])
            else:
                raise CommandError(MSG_WHAT)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None
        out.write_bytes(content)
        self.stdout.write(f"Đã ghi {out} ({len(content):,} byte).".replace(",", "."))
