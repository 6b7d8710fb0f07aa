import os

from django.core.exceptions import ImproperlyConfigured
from django.core.management import BaseCommand, CommandError, call_command

from thidua.common.security import check_production


class Command(BaseCommand):
    help = "Chạy máy chủ web production bằng granian (WSGI), phục vụ tệp tĩnh qua whitenoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("THIDUA_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("THIDUA_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("THIDUA_WORKERS", "2")))
        # threads per worker that run requests; each keeps one database connection (CONN_MAX_AGE), so
        # workers × threads stays well under PostgreSQL's max_connections (100 by default). granian's own
        # default for WSGI is half its backpressure: 256 threads a worker, which exhausted PostgreSQL.
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THIDUA_THREADS", "8")))
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, **opts):
        try:
            check_production()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        from granian import Granian
        from granian.constants import Interfaces

        self.stdout.write(f"thidua: http://{opts['host']}:{opts['port']}/")
        # A worker that dies (kill -9, out of memory, a crash in a C extension) is started again by
        # granian's main process (respawn_failed_workers; without it granian stops serving as soon
        # as one worker exits). The main process gives up only on a crash loop: the same worker
        # dying again within 5.5 s of its restart (granian's rule), which a supervisor (systemd
        # Restart=always) then handles. workers_kill_timeout: a worker that ignores the graceful
        # stop (shutdown, SIGHUP reload) is killed after 30 s instead of holding the restart.
        Granian("thidua.wsgi:application", address=opts["host"], port=opts["port"],
                interface=Interfaces.WSGI, workers=opts["workers"], blocking_threads=max(1, opts["threads"]),
                respawn_failed_workers=True, respawn_interval=1.0, workers_kill_timeout=30).serve()
