"""Pages of units, clusters and party organisations (URL names keep the `organizations:` namespace)."""
from django.urls import path

from thidua.web import units as views

app_name = "organizations"
urlpatterns = [
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi/<code:code>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<code:code>/thao-tac/<str:action>/", views.unit_action, name="unit_action"),
    path("don-vi/<code:code>/xep-loai/<int:year>/<str:transition>/", views.grade_year_transition,
         name="grade_year_transition"),
    path("khoi-thi-dua/", views.cluster_list, name="cluster_list"),
    path("khoi-thi-dua/<code:code>/", views.cluster_detail, name="cluster_detail"),
    path("to-chuc-dang/", views.party_list, name="party_list"),
    path("to-chuc-dang/<code:code>/", views.party_detail, name="party_detail"),
]
