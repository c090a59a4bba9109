"""Authentication backends; see AUTHENTICATION_BACKENDS."""

from django.core.exceptions import PermissionDenied

from . import throttle


class SignInThrottleBackend:
    """
    Listed first, before the backend that checks passwords: refuse an attempt
    to sign in that must wait (see accounts.throttle), right password or not,
    and mark the request so the form can say why. Otherwise step aside.

    It only authenticates: without get_user it never signs anyone in, so
    sessions and the test client's force_login use the next backend. Attempts
    without a request (the test client's login, shell sessions) are not limited.
    """

    def authenticate(self, request, username=None, **credentials):
        if request is None or not username:
            return None
        wait = throttle.sign_in_wait(request, username)
        if wait:
            setattr(request, throttle.WAIT_ATTRIBUTE, wait)
            # Stops authenticate() at once: no other backend is asked.
            raise PermissionDenied
        return None
