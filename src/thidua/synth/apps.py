from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "thidua.synth"
    label = "synth"
