from django.urls import path

from thidua.imports import views

app_name = "imports"
urlpatterns = [
    path("nhap-xuat/", views.index, name="index"),
    path("nhap-xuat/tai-len/", views.upload, name="upload"),
    path("nhap-xuat/nhap/", views.commit, name="commit"),
    path("nhap-xuat/mau/<str:kind>/", views.template_download, name="template"),
    path("nhap-xuat/xuat/<str:kind>/", views.export, name="export"),
    path("nhap-xuat/tac-vu/<int:pk>/", views.job_page, name="job"),
]
