"""thidua template units|people|history FILE.xlsx"""
from django.core.management.base import BaseCommand

from thidua.imports.exports import template_bytes
from thidua.imports.layout import KINDS


class Command(BaseCommand):
    help = "Ghi mẫu Excel rỗng (có trang Hướng dẫn)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file")

    def handle(self, *args, kind, file, **options):
        with open(file, "wb") as file_out:
            file_out.write(template_bytes(kind))
        self.stdout.write(f"Đã ghi mẫu {file}")
