from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from thidua.documents import permissions, tasks  # noqa: F401  (permissions; the "certificates" job)
