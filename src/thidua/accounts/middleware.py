"""Puts the user's Scope on the request (`request.scope`), built on first use and once per request."""
from django.utils.functional import SimpleLazyObject

from thidua.accounts.scope import scope_for_user


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: scope_for_user(request.user))
        return self.get_response(request)
