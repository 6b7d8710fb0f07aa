from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = "Xét điều kiện danh hiệu"

    def ready(self):
        from thidua.eligibility import tasks  # noqa: F401  (registers the job handler)
