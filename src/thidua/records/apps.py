from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "thidua.records"
    label = "records"
    verbose_name = "Lịch sử theo năm"
