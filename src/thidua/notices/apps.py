from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = "Lịch làm việc và nhắc việc"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from thidua.notices.context_processors import count_at_login

        user_logged_in.connect(count_at_login, dispatch_uid="notices_badge_at_login")
