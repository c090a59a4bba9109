"""Request plumbing at the edge: the API boundary, the Content-Security-Policy,
malformed bodies and an unreachable database."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
CORS_ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
UNAVAILABLE_MESSAGE = gettext_lazy(
    "The service is busy for a moment. Please try again."
)
RETRY_AFTER_SECONDS = "5"


def is_embed_origin(origin: str) -> bool:
    """Return True if a browser page at this origin may call the API."""
    return bool(origin) and origin in settings.EMBED_ORIGINS


class ApiBoundaryMiddleware:
    """
    Answer CORS for the configured embed origins only, and refuse oversized API
    bodies with 413 before anything reads them.

    Cross-origin calls never carry credentials: the widget identifies a guest by
    tokens in headers, so a foreign page can't ride on a reader's cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        if request.method == "OPTIONS" and request.headers.get(
            "Access-Control-Request-Method"
        ):
            response = HttpResponse(status=204 if is_embed_origin(origin) else 403)
        elif self._declared_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            response = JsonResponse(
                {"detail": _("The request body is too large.")}, status=413
            )
        else:
            response = self._as_json(self.get_response(request))
        if is_embed_origin(origin):
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = CORS_ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ", ".join(
                settings.API_CORS_ALLOWED_HEADERS
            )
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
            response["Access-Control-Max-Age"] = "600"
        # Answers differ by Origin (CORS), for caches in between too.
        patch_vary_headers(response, ("Origin",))
        return response

    @classmethod
    def _as_json(cls, response: HttpResponse) -> HttpResponse:
        answer = cls._json_refusal(response)
        if answer is not response:
            # Logged once already (the cross-site refusal is): don't log it again.
            answer._has_been_logged = getattr(response, "_has_been_logged", False)
        return answer

    @staticmethod
    def _json_refusal(response: HttpResponse) -> HttpResponse:
        """Give routing refusals (unknown path, wrong method) a JSON body too."""
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return JsonResponse(
                {"detail": _("There is no such API endpoint.")}, status=404
            )
        if response.status_code == 403:
            # The cross-site refusal (a write a browser sent from another
            # site) is an HTML page; the API answers JSON.
            return JsonResponse(
                {
                    "detail": _(
                        "This request was refused: it was sent from another site."
                    )
                },
                status=403,
            )
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            message = (
                _("This endpoint takes %(methods)s only.") % {"methods": allowed}
                if allowed
                else _("This endpoint does not take that method.")
            )
            json_response = JsonResponse({"detail": message}, status=405)
            if allowed:
                json_response["Allow"] = allowed
            return json_response
        return response

    @staticmethod
    def _declared_length(request: HttpRequest) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    Send settings.CONTENT_SECURITY_POLICY on every answer, with the embed origins
    (read per request) added to form-action: a no-JS form on one of our pages
    may be sent back to the page that embeds its discussion.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if settings.EMBED_ORIGINS and not report_only:
            update = dict(parts.update or {})
            update["form-action"] = [
                *update.get("form-action", []),
                *settings.EMBED_ORIGINS,
            ]
            parts.update = update
        return parts


class ContentLengthMiddleware:
    """
    Answer 400 to a request whose Content-Length is not a whole number, before
    anything reads its body: Django would raise ValueError reading it (a 500).

    granian refuses such a request itself; Django's development server and
    other WSGI servers pass it on.
    """

    MESSAGE = gettext_lazy("The Content-Length header is not a number.")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isascii() and length.isdigit():
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response = JsonResponse({"detail": str(self.MESSAGE)}, status=400)
        else:
            response = bad_request(request, exception=None)
        log_response(
            "Bad request (%s): %s",
            self.MESSAGE,
            request.path,
            response=response,
            request=request,
        )
        return response


class DatabaseUnavailableMiddleware:
    """
    Answer 503 with a retry hint while the database can't be reached (a restart,
    a failover), instead of a 500: the request can simply be sent again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable on %s: %s", request.path, exception)
        if request.path.startswith(API_PREFIX):
            response = JsonResponse({"detail": str(UNAVAILABLE_MESSAGE)}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response


PAGE_METHODS = ("GET", "HEAD", "POST")


class PageMethodsMiddleware:
    """
    Answer 405 to any method a page never takes (PUT, PATCH, DELETE...) before
    the cross-site check, which would otherwise answer one from another site
    with its 403 page, or, from this site, let the view treat the request as a
    GET. A view that states its methods (an `allowed_methods` attribute) is
    answered with those; the API states its own methods per route.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs):
        if request.path.startswith(API_PREFIX):
            return None
        allowed = getattr(view, "allowed_methods", PAGE_METHODS)
        if request.method in allowed:
            return None
        response = HttpResponse(
            f"This page takes {', '.join(allowed)} only.\n",
            status=405,
            content_type="text/plain; charset=utf-8",
        )
        response["Allow"] = ", ".join(allowed)
        return response
