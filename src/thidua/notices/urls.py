from django.urls import path

from thidua.notices import views

app_name = "notices"
urlpatterns = [
    path("lich-lam-viec/", views.calendar_page, name="calendar"),
    path("lich-lam-viec/khai-bao/", views.calendar_day_add_view, name="calendar_add"),
    path("lich-lam-viec/khai-bao/<str:day>/xoa/", views.calendar_day_remove_view, name="calendar_remove"),
    path("viec-can-lam/", views.todo, name="todo"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("thong-bao/cai-dat/", views.preferences, name="preferences"),
    path("lich-ics/<str:token>.ics", views.ics_feed, name="ics_feed"),
]
