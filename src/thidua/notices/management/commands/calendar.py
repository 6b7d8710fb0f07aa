"""thidua calendar [--year Y] [--add D N] [--between D1 D2]: the year's days off, and the arithmetic."""
from django.core.management.base import BaseCommand, CommandError

from thidua.notices import calendar
from thidua.notices.management.commands.remind import parse_day
from thidua.notices.selectors import today

KIND_LABELS = {"holiday": "nghỉ lễ", "off": "nghỉ (khai báo)", "makeup": "làm bù"}


class Command(BaseCommand):
    help = "In các ngày nghỉ lễ, nghỉ bù, làm bù của một năm; tính ngày làm việc."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="năm (mặc định năm nay)")
        parser.add_argument("--add", nargs=2, metavar=("NGAY", "SO_NGAY"),
                            help="ngày làm việc thứ SO_NGAY sau NGAY")
        parser.add_argument("--between", nargs=2, metavar=("TU_NGAY", "DEN_NGAY"),
                            help="số ngày làm việc sau TU_NGAY đến hết DEN_NGAY")

    def handle(self, *args, **options):
        try:
            if options.get("add"):
                start, raw = options["add"]
                try:
                    n = int(raw)
                except ValueError as exc:
                    raise CommandError(calendar.MSG_DAYS_RANGE) from exc
                result = calendar.add_working_days(parse_day(start), n)
                self.stdout.write(calendar.day_label(result))
                return
            if options.get("between"):
                d1, d2 = (parse_day(x) for x in options["between"])
                self.stdout.write(str(calendar.working_days_between(d1, d2)))
                return
            year = options.get("year") or today().year
            for cell in calendar.non_working_days(year):
                self.stdout.write(f"{calendar.day_label(cell.date)}\t{KIND_LABELS[cell.kind]}\t{cell.name}")
            total = len(calendar.year_calendar(year).working)
            self.stdout.write(f"Năm {year}: {total} ngày làm việc.")
        except calendar.CalendarRangeError as exc:
            raise CommandError(exc.message) from exc
