"""thidua propose: everyone of a unit eligible for the given titles, proposed in a round in one action
(the operator's command: `Scope.system()`, the same service and checks as the page and the API)."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thidua.commendations import services as svc
from thidua.commendations.models import Round
from thidua.common.context import Actor
from thidua.common.scope import Scope
from thidua.organizations.models import Unit


class Command(BaseCommand):
    help = "Đề nghị tất cả cá nhân đủ điều kiện của một đơn vị trong một đợt khen thưởng."

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, help="số thứ tự của đợt (xem API /api/v1/commendations/rounds)")
        parser.add_argument("--unit", required=True, help="mã đơn vị đề nghị")
        parser.add_argument("--forms", required=True, help="mã danh hiệu, cách nhau bởi dấu phẩy: LDTT,CSTDCS")

    def handle(self, *args, round, unit, forms, **options):
        rnd = Round.objects.filter(pk=round).first()
        proposing = Unit.objects.filter(code=unit.strip().upper()).first()
        if rnd is None:
            raise CommandError("Không có đợt khen thưởng này.")
        if proposing is None:
            raise CommandError(f"Mã đơn vị không tồn tại: {unit}.")
        try:
            out = svc.proposal_bulk_create(actor=Actor(user=None, request_id="cli"), scope=Scope.system(), round=rnd,
                                           proposing_unit=proposing, forms=forms.split(","))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Đã đề nghị {out['created']} trường hợp đủ điều kiện; bỏ qua {len(out['skipped'])}.")
        for s in out["skipped"]:
            self.stdout.write(f"  – {s['reason']}")
