"""thidua export units|people|history|clusters FILE.xlsx [--unit CODE]"""
from django.core.management.base import BaseCommand, CommandError

from thidua.common.scope import Scope
from thidua.imports.exports import FILENAMES, export_to
from thidua.organizations.models import Unit


class Command(BaseCommand):
    help = "Xuất Excel theo mẫu nhập (có thể sửa rồi nhập lại)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(FILENAMES))
        parser.add_argument("file")
        parser.add_argument("--unit", help="mã đơn vị: chỉ xuất đơn vị này và cấp dưới")

    def handle(self, *args, kind, file, unit, **options):
        target = None
        if unit:
            target = Unit.objects.filter(code=unit.strip().upper()).first()
            if target is None:
                raise CommandError(f"Mã đơn vị không tồn tại: {unit}")
        export_to(file, kind, Scope(is_admin=True), target)
        self.stdout.write(f"Đã xuất {file}")
