"""Who is reading or writing a discussion, from what their browser holds."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from .tokens import EDIT_COOKIE_PREFIX, VOTER_COOKIE, voter_from_token


@dataclass
class Reader:
    """A signed-in user, or a guest known by the signed tokens they hold."""

    user: object | None = None
    edit_tokens: list[str] = field(default_factory=list)
    voter_token: str = ""

    @property
    def voter(self) -> str | None:
        """Return the id votes are recorded under, or None for a first-time voter."""
        if self.user is not None:
            return f"u:{self.user.pk}"
        return voter_from_token(self.voter_token) if self.voter_token else None


def carries_credentials(request: HttpRequest) -> bool:
    """Return True if the request's cookies say who is asking."""
    return bool(request.user.is_authenticated) or any(
        name.startswith(EDIT_COOKIE_PREFIX) or name == VOTER_COOKIE
        for name in request.COOKIES
    )


def reader_from_cookies(request: HttpRequest) -> Reader:
    """Return the reader as the request's session and cookies describe them."""
    return Reader(
        user=request.user if request.user.is_authenticated else None,
        edit_tokens=[
            value
            for name, value in request.COOKIES.items()
            if name.startswith(EDIT_COOKIE_PREFIX)
        ],
        voter_token=request.COOKIES.get(VOTER_COOKIE, ""),
    )
