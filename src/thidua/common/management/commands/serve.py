import os

from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Chạy máy chủ web production bằng granian (WSGI), phục vụ tệp tĩnh qua whitenoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("THIDUA_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("THIDUA_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("THIDUA_WORKERS", "2")))
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, **opts):
        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        from django.conf import settings

        if settings.SECRET_KEY.startswith("thidua-insecure"):
            self.stderr.write("Cảnh báo: đang dùng khóa bí mật mặc định; đặt THIDUA_SECRET_KEY khi chạy thật.")
        from granian import Granian
        from granian.constants import Interfaces

        self.stdout.write(f"thidua: http://{opts['host']}:{opts['port']}/")
        Granian("thidua.wsgi:application", address=opts["host"], port=opts["port"],
                interface=Interfaces.WSGI, workers=opts["workers"]).serve()
