"""Who is calling the API: a signed-in user, a guest with edit tokens, a voter."""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from ninja.errors import HttpError

from parley.discussions.tokens import (
    EDIT_COOKIE_PREFIX,
    EDIT_HEADER,
    VOTER_COOKIE,
    VOTER_HEADER,
    voter_from_token,
)

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class Reader:
    user: object | None = None
    edit_tokens: list[str] = field(default_factory=list)
    voter_token: str = ""

    @property
    def voter(self) -> str | None:
        if self.user is not None:
            return f"u:{self.user.pk}"
        return voter_from_token(self.voter_token) if self.voter_token else None


def _carries_credentials(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated) or any(
        name.startswith(EDIT_COOKIE_PREFIX) or name == VOTER_COOKIE
        for name in request.COOKIES
    )


def reader_from_request(request: HttpRequest) -> Reader:
    """
    Return the caller's identity. Cookies count only on requests that pass
    Django's CSRF check, so another site can't act with a reader's cookies;
    header tokens (the embedded widget's way) need no such check.
    """
    if request.method in UNSAFE_METHODS and _carries_credentials(request):
        check = CsrfViewMiddleware(lambda _request: None)
        request.csrf_processing_done = False
        check.process_request(request)
        if check.process_view(request, lambda _request: None, (), {}) is not None:
            raise HttpError(
                403,
                "Your session could not be verified. Reload the page and try again.",
            )
    reader = Reader(
        user=request.user if request.user.is_authenticated else None,
        edit_tokens=[
            value
            for name, value in request.COOKIES.items()
            if name.startswith(EDIT_COOKIE_PREFIX)
        ],
        voter_token=request.COOKIES.get(VOTER_COOKIE, ""),
    )
    if header_token := request.headers.get(EDIT_HEADER):
        reader.edit_tokens.extend(header_token.split(",")[:50])
    if header_voter := request.headers.get(VOTER_HEADER):
        reader.voter_token = header_voter
    return reader
