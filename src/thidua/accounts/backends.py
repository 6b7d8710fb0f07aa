"""Login throttling: django-axes' check runs before the password backend (settings.AUTHENTICATION_BACKENDS)."""
from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a login while its user name and address are locked out (AXES_* settings).

    A login without a request is not an HTTP login (the test client's `login()`, a shell): nothing to
    throttle, so it is left to the password backend instead of raising like axes does."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
