from django.urls import path

from thidua.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("xet-danh-hieu/", views.index, name="index"),
    path("xet-danh-hieu/don-vi/<code:code>/", views.unit_table, name="unit_table"),
    path("xet-danh-hieu/ca-nhan/<int:pk>/the/", views.person_card, name="person_card"),
    path("xet-danh-hieu/giai-thich/", views.explain, name="explain"),
    path("xet-danh-hieu/don-vi/<code:code>/ti-le/", views.unit_quota, name="unit_quota"),
]
