from django.urls import path

from thidua.api.docs import asset
from thidua.api.main import api

urlpatterns = [
    path("api/docs/static/<str:name>", asset, name="api_docs_asset"),
    path("api/", api.urls),
]
