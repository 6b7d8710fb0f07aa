"""thidua remind [--date dd/mm/yyyy]: the day's e-mail digests (overdue and due-soon steps), for a cron.
Running it twice for a day sends nothing twice."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from thidua.notices.reminders import remind
from thidua.notices.selectors import today

MSG_BAD_DATE = "Ngày không hợp lệ: {value!r}. Hãy nhập dd/mm/yyyy hoặc yyyy-mm-dd."


def parse_day(value: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise CommandError(MSG_BAD_DATE.format(value=value))


class Command(BaseCommand):
    help = "Lập và gửi thư nhắc việc hằng ngày (mỗi người một thư) cho các việc quá hạn và sắp đến hạn."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày nhắc (mặc định hôm nay), dd/mm/yyyy")

    def handle(self, *args, **options):
        day = parse_day(options["date"]) if options.get("date") else today()
        self.stdout.write(remind(day).summary())
