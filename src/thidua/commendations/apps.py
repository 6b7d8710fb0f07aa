from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    name = "thidua.commendations"
    label = "commendations"
    verbose_name = "Khen thưởng"

    def ready(self):
        from thidua.commendations import demo
        from thidua.synth.demo import demo_built, demo_resetting

        demo_built.connect(demo.seed, dispatch_uid="commendations.demo.seed")
        demo_resetting.connect(demo.remove, dispatch_uid="commendations.demo.remove")
