from django.urls import path

from thidua.fund import views

app_name = "fund"
urlpatterns = [
    path("quy/", views.index, name="index"),
    path("quy/tinh-tien-thuong/", views.calculator, name="calculator"),
    path("quy/bang-tien-thuong/", views.tables, name="tables"),
    path("quy/bang-tien-thuong/luong-co-so/", views.base_salary_add, name="base_salary_add"),
    path("quy/<code:code>/<int:year>/", views.ledger, name="ledger"),
    path("quy/<code:code>/<int:year>/ghi/<slug:kind>/", views.record, name="record"),
    path("quy/<code:code>/<int:year>/chuyen-so-du/", views.carry_over, name="carry_over"),
    path("quy/<code:code>/<int:year>/quyet-toan/", views.settlement, name="settlement"),
    path("quy/<code:code>/<int:year>/quyet-toan/xlsx/", views.settlement_xlsx, name="settlement_xlsx"),
]
