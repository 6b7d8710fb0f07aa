from django.urls import path

from thidua.commendations import decision_views, views

app_name = "commendations"
urlpatterns = [
    path("khen-thuong/", views.index, name="index"),
    path("khen-thuong/dot/moi/", views.round_create, name="round_create"),
    path("khen-thuong/dot/<int:pk>/", views.round_detail, name="round_detail"),
    path("khen-thuong/dot/<int:pk>/de-nghi/", views.propose, name="propose"),
    path("khen-thuong/dot/<int:pk>/de-nghi-hang-loat/", views.propose_bulk, name="propose_bulk"),
    path("khen-thuong/dot/<int:pk>/tu-excel/", views.propose_xlsx, name="propose_xlsx"),
    path("khen-thuong/dot/<int:pk>/cong-khai/", views.posting_create, name="posting_create"),
    path("khen-thuong/dot/<int:pk>/phien-hop/", views.session_create, name="session_create"),
    path("khen-thuong/dot/<int:pk>/<slug:transition>/", views.round_move, name="round_move"),
    path("khen-thuong/ho-so/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("khen-thuong/ho-so/<int:pk>/ho-so/", views.proposal_dossier, name="proposal_dossier"),
    path("khen-thuong/ho-so/<int:pk>/dinh-kem/", views.proposal_attach, name="proposal_attach"),
    path("khen-thuong/ho-so/<int:pk>/<slug:transition>/", views.proposal_move, name="proposal_move"),
    path("khen-thuong/phien-hop/<int:pk>/", views.session_detail, name="session_detail"),
    path("khen-thuong/phien-hop/<int:pk>/so-phieu/", views.session_count, name="session_count"),
    path("khen-thuong/phien-hop/<int:pk>/du-hop/", views.session_attendance, name="session_attendance"),
    path("khen-thuong/phien-hop/<int:pk>/chuong-trinh/", views.session_agenda, name="session_agenda"),
    path("khen-thuong/phien-hop/<int:pk>/phieu/", views.ballot, name="ballot"),
    path("khen-thuong/phien-hop/<int:pk>/phieu-giay/", views.paper_ballots, name="paper_ballots"),
    path("khen-thuong/phien-hop/<int:pk>/quyet-dinh/", decision_views.decision_create, name="decision_create"),
    path("khen-thuong/phien-hop/<int:pk>/bien-ban/<slug:kind>/", decision_views.session_paper, name="session_paper"),
    path("khen-thuong/phien-hop/<int:pk>/<slug:transition>/", views.session_move, name="session_move"),
    path("khen-thuong/quyet-dinh/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("khen-thuong/quyet-dinh/<int:pk>/tai-ve.<str:fmt>", decision_views.decision_download,
         name="decision_download"),
    path("khen-thuong/quyet-dinh/<int:pk>/ky/", decision_views.decision_sign, name="decision_sign"),
    path("khen-thuong/quyet-dinh/<int:pk>/in-bang/", decision_views.decision_certificates,
         name="decision_certificates"),
    path("khen-thuong/quyet-dinh/<int:pk>/xem-truoc-bang/", decision_views.decision_certificate_preview,
         name="decision_certificate_preview"),
    path("khen-thuong/quyet-dinh/<int:pk>/chi-thuong/", decision_views.decision_pay, name="decision_pay"),
    path("khen-thuong/quyet-dinh/<int:pk>/huy-bo/", decision_views.decision_revoke, name="decision_revoke"),
]
