from django.urls import path

from thidua.commendations import views

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
    path("khen-thuong/phien-hop/<int:pk>/<slug:transition>/", views.session_move, name="session_move"),
]
