from django.apps import AppConfig
from django.urls import register_converter

from thidua.common.converters import CodeConverter


class CommonConfig(AppConfig):
    name = "thidua.common"
    label = "common"

    def ready(self):
        register_converter(CodeConverter, "code")  # <code:code> in the URL confs of units, clusters, parties
