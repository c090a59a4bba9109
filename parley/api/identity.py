"""Who is calling the API, and when their cookies may count."""

from django.http import HttpRequest
from modern_csrf.middleware import ModernCsrfViewMiddleware
from ninja.errors import HttpError

from parley.core.middleware import is_embed_origin
from parley.discussions.readers import Reader, carries_credentials, reader_from_cookies
from parley.discussions.tokens import EDIT_HEADER, VOTER_HEADER

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CROSS_SITE_REFUSAL = (
    "This was sent from another site, so it was refused. Open the discussion "
    "on this site and try again."
)


def reader_from_request(request: HttpRequest) -> Reader:
    """
    Return the caller's identity. Cookies count only on requests that pass the
    site's cross-site check (Fetch Metadata, then Origin), so another site
    can't act with a reader's cookies; header tokens (the embedded widget's
    way) need no such check.
    """
    if request.method in UNSAFE_METHODS and carries_credentials(request):
        # django-ninja exempts its views from the middleware, which would
        # refuse the embedded widget's cross-origin calls: only a request that
        # carries cookies needs the check, and it gets the middleware's own.
        request.csrf_processing_done = False
        check = ModernCsrfViewMiddleware(lambda _request: None)
        if check.process_view(request, reader_from_request, (), {}) is not None:
            raise HttpError(403, CROSS_SITE_REFUSAL)
    reader = reader_from_cookies(request)
    if header_token := request.headers.get(EDIT_HEADER):
        reader.edit_tokens.extend(header_token.split(",")[:50])
    if header_voter := request.headers.get(VOTER_HEADER):
        reader.voter_token = header_voter
    return reader


def refuse_foreign_pages(request: HttpRequest) -> None:
    """
    Refuse a subscription a browser sends from a page that is neither this
    site's nor an embed origin's, cookies or not: a hostile page must not make
    its visitors subscribe an address (the API's views are otherwise exempt
    from the site's cross-site check, for the embedded widget).
    """
    site = request.headers.get("Sec-Fetch-Site", "")
    origin = request.headers.get("Origin", "")
    if is_embed_origin(origin) or site in ("same-origin", "none"):
        return
    if site or origin:
        own = f"{request.scheme}://{request.get_host()}"
        if origin != own:
            raise HttpError(403, CROSS_SITE_REFUSAL)
