from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "thidua.imports"
    label = "imports"
    verbose_name = "Nhập/Xuất Excel"

    def ready(self):
        from thidua.imports import tasks  # noqa: F401  (registers the "import" and "export" job handlers)
