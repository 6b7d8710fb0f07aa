"""`thidua manage expire_jobs` (run by `thidua worker` before it starts): jobs whose worker died
(their lease expired) are marked failed with a Vietnamese message, offered for retry on their page."""
from django.core.management.base import BaseCommand

from thidua.common.numbers import vn_number
from thidua.jobs.runner import jobs_expire


class Command(BaseCommand):
    help = "Đánh dấu thất bại các tác vụ đang chạy mà tiến trình xử lý đã dừng (hết hạn nhịp báo)."

    def handle(self, *args, **options):
        expired = jobs_expire()
        if expired:
            self.stdout.write(f"Đã đánh dấu thất bại {vn_number(expired)} tác vụ bị gián đoạn (có thể chạy lại).")
