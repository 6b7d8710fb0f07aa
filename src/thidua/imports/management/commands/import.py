"""thidua import units|people|history FILE.xlsx [--dry-run] [--user USERNAME]"""  # noqa: N999 (the CLI verb)
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.scope import scope_for_user
from thidua.common.context import Actor
from thidua.common.numbers import vn_number
from thidua.common.scope import Scope
from thidua.imports.layout import KINDS
from thidua.imports.services import import_file

MSG_SUMMARY = "{rows} dòng đã đọc: {created} tạo mới, {updated} cập nhật, {unchanged} không thay đổi."
MSG_SUMMARY_INVALID = "{rows} dòng đã đọc: {error_rows} dòng có lỗi ({errors} lỗi)."
MSG_MORE = "… và {n} lỗi khác."
MSG_INVALID = "Tệp có lỗi: chưa ghi gì vào hệ thống."
MSG_DRY = "Chạy thử (--dry-run): chưa ghi gì."
MSG_DONE = "Đã nhập xong."


class Command(BaseCommand):
    help = "Nhập tệp Excel (đơn vị, cá nhân, lịch sử thi đua khen thưởng)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--user", help="tài khoản thực hiện (phạm vi của tài khoản đó); mặc định: hệ thống")

    def handle(self, *args, kind, file, dry_run, user, **options):
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"Không có tài khoản {user}.")
            actor, scope = Actor(user=account, request_id="cli"), scope_for_user(account)
        else:
            actor, scope = Actor(user=None, request_id="cli"), Scope(is_admin=True)
        result = import_file(actor=actor, scope=scope, kind=kind, source=file, dry_run=dry_run,
                             progress=_bar if sys.stderr.isatty() or options.get("verbosity", 1) > 1 else None)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        for error in result.errors:
            self.stdout.write(str(error))
        if result.error_count > len(result.errors):
            self.stdout.write(MSG_MORE.format(n=vn_number(result.error_count - len(result.errors))))
        self.stdout.write((MSG_SUMMARY if result.ok else MSG_SUMMARY_INVALID).format(rows=vn_number(result.read), error_rows=vn_number(result.error_rows),
                                             created=vn_number(result.created), updated=vn_number(result.updated),
                                             unchanged=vn_number(result.unchanged), errors=vn_number(result.error_count)))
        if not result.ok:
            self.stderr.write(MSG_INVALID)
            sys.exit(1)
        self.stdout.write(MSG_DRY if dry_run else MSG_DONE)


def _bar(done: int, total: int | None, message: str | None = None) -> None:
    total = total or done or 1
    width = 30
    filled = int(width * min(done, total) / total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message or ''}"[:120])
    sys.stderr.flush()
