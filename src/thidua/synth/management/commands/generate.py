"""thidua generate: a province-sized synthetic organisation for benchmarks (bulk, minutes for 100k)."""
from django.core.management.base import BaseCommand, CommandError

from thidua.synth.generate import MSG_EXISTS, Generator, delete_generated, generated_exists


class Command(BaseCommand):
    help = "Sinh dữ liệu tổng hợp quy mô tỉnh để đo hiệu năng (mã đơn vị 'G-', CCCD bắt đầu bằng 99)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100000)
        parser.add_argument("--years", type=int, default=10, help="số năm lịch sử, kết thúc năm 2025")
        parser.add_argument("--units", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true", help="xóa dữ liệu tổng hợp cũ trước khi sinh")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, people, years, units, seed, replace, no_progress, **options):
        existing = generated_exists()
        if existing and not replace:
            raise CommandError(MSG_EXISTS.format(n=existing))
        if existing:
            delete_generated(log=self.stderr.write)
        summary = Generator(people=people, years=years, units=units, seed=seed, progress=not no_progress).run()
        self.stdout.write(self.style.SUCCESS(
            f"Đã sinh {summary['people']} cá nhân, {summary['units']} đơn vị, {len(summary['years'])} năm "
            f"trong {summary['seconds']} giây."))
        for label, n in sorted(summary["rows"].items()):
            self.stdout.write(f"  {label:<32} {n:>10}")
