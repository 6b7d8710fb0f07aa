from django.urls import include, path

from thidua.common import views as common_views

urlpatterns = [
    path("", common_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("", include("thidua.people.urls")),
    path("", include("thidua.jobs.urls")),
    path("", include("thidua.imports.urls")),
    path("", include("thidua.eligibility.urls")),
    path("", include("thidua.api.urls")),
]
