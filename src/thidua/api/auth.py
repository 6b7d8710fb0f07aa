"""Two ways in, accepted on every endpoint: a Bearer API token or the browser session (+ CSRF)."""
from ninja.security import HttpBearer, django_auth

from thidua.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer td_…`; tokens are created at /tai-khoan/ma-api/."""

    def authenticate(self, request, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            # selectors and services read request.user (scope_for_user caches on it)
            request.user = user
        return user


AUTH = [TokenAuth(), django_auth]
