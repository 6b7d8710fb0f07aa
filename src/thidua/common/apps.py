from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "thidua.common"
    label = "common"
