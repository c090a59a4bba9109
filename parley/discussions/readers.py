"""Who is reading or writing a discussion, from what their browser holds."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from parley.core.addresses import request_address_hash

from .intake import IntakeContext
from .tokens import EDIT_COOKIE_PREFIX, VOTER_COOKIE, new_voter_token, voter_from_token


@dataclass
class Reader:
    """A signed-in user, or a guest known by the signed tokens they hold."""

    user: object | None = None
    edit_tokens: list[str] = field(default_factory=list)
    voter_token: str = ""

    @property
    def identity(self) -> str:
        """Return who this reader is across visits: "u:<pk>" for an account,
        "a:<id>" for a guest holding a reader token, "" for a first visit.
        Votes, reports and held comments are recorded under it."""
        if self.user is not None:
            return f"u:{self.user.pk}"
        if self.voter_token:
            return voter_from_token(self.voter_token) or ""
        return ""

    @property
    def voter(self) -> str | None:
        """Return the id votes are recorded under, or None for a first-time voter."""
        return self.identity or None

    def ensure_identity(self) -> str | None:
        """Give a first-time guest a reader token, so that their vote, report or
        held comment is theirs on the next visit; return the new token (to send
        back as a cookie or in the answer), or None if they had an identity."""
        if self.identity:
            return None
        self.voter_token = new_voter_token()
        return self.voter_token

    @property
    def is_staff(self) -> bool:
        return bool(self.user is not None and self.user.is_staff)


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


def intake_context(request: HttpRequest, reader: Reader, **fields) -> IntakeContext:
    """Return how this request submits a comment, for the intake's checks."""
    return IntakeContext(
        identity=reader.identity,
        address_hash=request_address_hash(request),
        **fields,
    )
