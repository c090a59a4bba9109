"""Who is calling the API, and when their cookies may count."""

from django.http import HttpRequest
from modern_csrf.middleware import ModernCsrfViewMiddleware
from ninja.errors import HttpError

from parley.discussions.readers import Reader, carries_credentials, reader_from_cookies
from parley.discussions.tokens import EDIT_HEADER, VOTER_HEADER

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def reader_from_request(request: HttpRequest) -> Reader:
    """
    Return the caller's identity. Cookies count only on requests that pass the
    cross-site check, so another site can't act with a reader's cookies;
    header tokens (the embedded widget's way) need no such check.
    """
    if request.method in UNSAFE_METHODS and carries_credentials(request):
        check = ModernCsrfViewMiddleware(lambda _request: None)
        request.csrf_processing_done = False
        if check.process_view(request, lambda _request: None, (), {}) is not None:
            raise HttpError(
                403,
                "Your session could not be verified. Reload the page and try again.",
            )
    reader = reader_from_cookies(request)
    if header_token := request.headers.get(EDIT_HEADER):
        reader.edit_tokens.extend(header_token.split(",")[:50])
    if header_voter := request.headers.get(VOTER_HEADER):
        reader.voter_token = header_voter
    return reader
