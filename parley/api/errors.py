"""Turn every refusal into JSON with a clear sentence, never a 500 with a trace."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from parley.core.errors import ParleyError
from parley.core.middleware import RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE

logger = logging.getLogger(__name__)


def _field_name(location: list) -> str:
    names = [
        str(part)
        for part in location
        if part not in ("body", "payload", "query", "path")
    ]
    return names[-1] if names else "request"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ParleyError)
    def parley_error(request: HttpRequest, exc: ParleyError):
        response = api.create_response(request, exc.as_json(), status=exc.status)
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        errors: dict[str, str] = {}
        for error in exc.errors:
            message = (
                str(error.get("msg", "This value is not valid.")).rstrip(".") + "."
            )
            errors.setdefault(_field_name(list(error.get("loc", []))), message)
        return api.create_response(request, {"errors": errors}, status=400)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = "The request body is not valid JSON."
        # A 400 is always about what was sent: the contract's ErrorsOut.
        body = (
            {"errors": {"request": message}}
            if exc.status_code == 400
            else {"detail": message}
        )
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        message = str(exc) if exc.args else "Not found."
        return api.create_response(request, {"detail": message}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return api.create_response(
            request, {"detail": "You may not do that."}, status=403
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig):
        return api.create_response(
            request, {"detail": "The request body is too large."}, status=413
        )

    def database_unavailable(request: HttpRequest, exc: Exception):
        logger.warning("Database unavailable on %s: %s", request.path, exc)
        response = api.create_response(
            request, {"detail": UNAVAILABLE_MESSAGE}, status=503
        )
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response

    # Only a lost or refused connection means "try again"; an IntegrityError or
    # a ProgrammingError is a bug and must stay loud.
    api.add_exception_handler(OperationalError, database_unavailable)
    api.add_exception_handler(InterfaceError, database_unavailable)
