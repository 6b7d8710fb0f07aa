"""Pages of people and their history (URL names keep the `people:` namespace)."""
from django.urls import path

from thidua.web import people as views

app_name = "people"
urlpatterns = [
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/xuat-excel/", views.person_export, name="person_export"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/dieu-chuyen/", views.person_transfer, name="person_transfer"),
    path("ca-nhan/<int:pk>/nghi/", views.person_leave, name="person_leave"),
    path("ca-nhan/<int:pk>/lich-su/them/", views.person_history_add, name="person_history_add"),
    path("ca-nhan/<int:pk>/lich-su/them/<str:kind>/", views.person_history_add, name="person_history_add_kind"),
    path("don-vi/<code:code>/lich-su/them/", views.unit_history_add, name="unit_history_add"),
    path("don-vi/<code:code>/lich-su/them/<str:kind>/", views.unit_history_add, name="unit_history_add_kind"),
    path("don-vi/<code:code>/so-lieu/", views.unit_stats_set, name="unit_stats_set"),
    path("lich-su/<str:kind>/<int:pk>/sua/", views.history_edit, name="history_edit"),
]
