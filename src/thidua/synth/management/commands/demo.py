"""thidua demo: load the demo organisation, people, history and one login per role (idempotent)."""
from django.core.management.base import BaseCommand

from thidua.synth.demo import DEFAULT_PEOPLE, PASSWORD, load_demo, logins_table, reset_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, khối thi đua trong các bài báo, cán bộ, lịch sử 2017–2025) và tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE,
                            help=f"số cá nhân (gần đúng, mặc định {DEFAULT_PEOPLE})")
        parser.add_argument("--reset", action="store_true", help="xóa dữ liệu mẫu đã nạp rồi nạp lại")

    def handle(self, *args, people, reset, **options):
        log = self.stderr.write
        if reset:
            reset_demo(log=log)
        if load_demo(people=people, log=log):
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn: không thay đổi gì (dùng --reset để nạp lại).")
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {PASSWORD}):")
        self.stdout.write(logins_table())
