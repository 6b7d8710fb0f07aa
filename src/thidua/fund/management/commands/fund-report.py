"""thidua fund-report --owner CODE --year Y [--xlsx FILE]: the yearly settlement (quyết toán) of a fund."""
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from thidua.common.scope import Scope
from thidua.common.xlsx import xlsx_bytes
from thidua.fund import selectors as sel
from thidua.rules.bonus import vn_int
from thidua.rules.codes import MAX_YEAR, MIN_YEAR


class Command(BaseCommand):
    help = "Báo cáo quyết toán quỹ thi đua, khen thưởng của một đơn vị trong một năm (in ra hoặc ghi .xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("--owner", required=True, help="mã đơn vị quản lý quỹ")
        parser.add_argument("--year", required=True, type=int, help=f"năm ({MIN_YEAR}–{MAX_YEAR})")
        parser.add_argument("--xlsx", help="ghi báo cáo ra tệp .xlsx này")

    def handle(self, *args, owner, year, xlsx, **options):
        try:
            unit, ledger = sel.fund_get_for_user(Scope.system(), owner.strip(), year)
        except Http404:
            raise CommandError(f"Không có đơn vị mã “{owner}” hoặc năm {year} nằm ngoài {MIN_YEAR}–{MAX_YEAR}.") \
                from None
        rows = sel.settlement_table(sel.settlement(ledger))
        title = f"Quyết toán quỹ TĐKT năm {ledger.year} — {unit.name}"
        if xlsx:
            with open(xlsx, "wb") as handle:
                handle.write(xlsx_bytes(f"Quyết toán {ledger.year}", [title, "Số tiền (đồng)"], rows))
            self.stdout.write(f"Đã ghi {xlsx}")
            return
        self.stdout.write(title)
        width = max(len(label) for label, _ in rows)
        for label, amount in rows:
            self.stdout.write(f"{label.ljust(width)}  {vn_int(amount).rjust(16)} đ")
