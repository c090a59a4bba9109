"""Log formatting: a client's mistake is one line, a server's fault keeps its trace."""

import logging


def is_client_error(record: logging.LogRecord) -> bool:
    """Return True for a record about a request answered 4xx, or a security event
    (DisallowedHost, RequestDataTooBig, DisallowedRedirect…), which Django also
    answers 400."""
    status = getattr(record, "status_code", None)
    return (isinstance(status, int) and 400 <= status < 500) or record.name.startswith(
        "django.security"
    )


class OneLineFormatter(logging.Formatter):
    """
    Format a client error as exactly one line, without the traceback Django
    attaches to 400s and 403s; format everything else as usual. Line breaks in a
    message about a request, which can come from its path, are escaped so that
    no request writes a log line of its own.
    """

    def format(self, record: logging.LogRecord) -> str:
        client_error = is_client_error(record)
        if not client_error and not hasattr(record, "request"):
            return super().format(record)
        # A copy: other handlers (and tests' capture) still see the original.
        line = logging.makeLogRecord(record.__dict__)
        line.msg = record.getMessage().replace("\r", "\\r").replace("\n", "\\n")
        line.args = None
        if client_error:
            line.exc_info = None
            line.exc_text = None
            line.stack_info = None
        return super().format(line)


# The loggers of cross-site refusals: django-modern-csrf's, which guards every
# page and the API, and Django's own token check, which its admin and sign-in
# views still run as a decorator (and which refuses nothing the first let by).
REFUSAL_LOGGERS = {"modern_csrf", "django.security.csrf"}


class OncePerRefusal(logging.Filter):
    """
    Let a refused request be logged once: the cross-site check logs its refusal
    with the reason, and the API, which answers that refusal in JSON itself,
    would have Django log the same 403 again as "Forbidden". Set on the
    REFUSAL_LOGGERS (which mark the request) and on django.request (which then
    drops its repeat).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is None:
            return True
        if record.name in REFUSAL_LOGGERS:
            request._parley_refusal_logged = True
            return True
        return not getattr(request, "_parley_refusal_logged", False)
