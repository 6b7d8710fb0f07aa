from django.urls import path

from thidua.web import statistics as views

app_name = "statistics"
urlpatterns = [
    path("thong-ke/khen-thuong/", views.award_statistics, name="awards"),
    path("thong-ke/quyet-dinh/", views.decision_register, name="decisions"),
]
