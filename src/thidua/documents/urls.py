from django.urls import path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/soan/", views.document_create, name="create"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/<int:pk>/sua/", views.document_edit, name="edit"),
    path("van-ban/<int:pk>/ky/", views.document_sign_view, name="sign"),
    path("van-ban/<int:pk>/tai-ve.<str:fmt>", views.document_download, name="download"),
    path("van-ban/mau/", views.template_list, name="templates"),
    path("van-ban/mau/<int:pk>/tai-ve/", views.template_download, name="template_download"),
    path("van-ban/mau/mac-dinh/<str:kind>/", views.template_default, name="template_default"),
    path("van-ban/in-bang/", views.certificates, name="certificates"),
]
