from django.urls import path

from thidua.jobs import views

app_name = "jobs"
urlpatterns = [
    path("tac-vu/", views.job_list, name="job_list"),
    path("tac-vu/<int:pk>/", views.job_detail, name="job_detail"),
    path("tac-vu/<int:pk>/tai-ve/", views.job_download, name="job_download"),
    path("tac-vu/<int:pk>/chay-lai/", views.job_retry_view, name="job_retry"),
]
