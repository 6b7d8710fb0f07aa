from django.urls import include, path

from thidua.web import home

urlpatterns = [
    path("", home.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.web.unit_urls")),
    path("", include("thidua.web.people_urls")),
    path("", include("thidua.jobs.urls")),
    path("", include("thidua.imports.urls")),
    path("", include("thidua.eligibility.urls")),
    path("", include("thidua.documents.urls")),
    path("", include("thidua.web.statistics_urls")),
    path("", include("thidua.api.urls")),
    path("", include("thidua.fund.urls")),
    path("", include("thidua.notices.urls")),
    path("", include("thidua.commendations.urls")),
]
