from django.urls import path

from thidua.imports import views

app_name = "imports"
urlpatterns = [
    path("nhap-xuat/", views.index, name="index"),
]
