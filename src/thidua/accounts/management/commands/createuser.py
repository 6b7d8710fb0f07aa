from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from thidua.accounts.models import Role
from thidua.accounts.services import user_create
from thidua.common.context import Actor
from thidua.common.scope import Scope


class Command(BaseCommand):
    help = "Tạo tài khoản với vai trò và phạm vi, ví dụ: thidua createuser --username thiduabo --password ... --role emulation_officer --unit BTP"

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--full-name", default="")
        parser.add_argument("--role", choices=Role.values, default="")
        parser.add_argument("--unit", default="", help="mã đơn vị (phạm vi = đơn vị và cấp dưới)")
        parser.add_argument("--party-org", default="", help="mã tổ chức đảng")
        parser.add_argument("--cluster", default="", help="mã khối thi đua")
        parser.add_argument("--citizen-id", default="", help="gắn tài khoản với hồ sơ cá nhân (CCCD)")

    def handle(self, *args, **o):
        try:
            user = user_create(actor=Actor(user=None, request_id="cli"), scope=Scope(is_admin=True),
                               username=o["username"], password=o["password"], full_name=o["full_name"],
                               role=o["role"], unit_code=o["unit"], party_code=o["party_org"],
                               cluster_code=o["cluster"], citizen_id=o["citizen_id"])
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {', '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(f"Đã tạo tài khoản {user.username}.")
