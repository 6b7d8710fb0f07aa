from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = "Lịch làm việc và nhắc việc"
