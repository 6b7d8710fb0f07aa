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

# councils and their members, comments on public postings (and their public page), ties at a cap,
# proposing from the eligibility table (commendations/views_council.py)
from thidua.commendations import views_council as vc  # noqa: E402

urlpatterns += [
    path("khen-thuong/hoi-dong/", vc.council_list, name="council_list"),
    path("khen-thuong/hoi-dong/<int:pk>/", vc.council_detail, name="council_detail"),
    path("khen-thuong/hoi-dong/thanh-vien/<int:pk>/thoi/", vc.council_member_remove, name="council_member_remove"),
    path("khen-thuong/cong-khai/<int:pk>/", vc.posting_detail, name="posting_detail"),
    path("cong-khai/<str:token>/", vc.posting_public, name="posting_public"),
    path("khen-thuong/phien-hop/<int:pk>/bang-phieu/<str:form>/vong-hai/", vc.runoff_open, name="runoff_open"),
    path("khen-thuong/phien-hop/<int:pk>/bang-phieu/<str:form>/quyet-dinh/", vc.tie_decide, name="tie_decide"),
    path("khen-thuong/vong-hai/<int:pk>/", vc.runoff_ballot, name="runoff_ballot"),
    path("khen-thuong/vong-hai/<int:pk>/phieu-giay/", vc.runoff_paper, name="runoff_paper"),
    path("khen-thuong/vong-hai/<int:pk>/ket-thuc/", vc.runoff_close, name="runoff_close"),
    path("khen-thuong/de-nghi-tu-bang/<str:code>/", vc.propose_from_table, name="propose_from_table"),
]
