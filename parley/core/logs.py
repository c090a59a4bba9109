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


# Where django-modern-csrf logs the requests it refuses.
CROSS_SITE_LOGGER = "modern_csrf"


class OncePerRefusal(logging.Filter):
    """
    Let a refused request be logged once: the cross-site check logs its refusal
    with the reason, and the API, which answers that refusal in JSON itself,
    would have Django log the same 403 again as "Forbidden". Set on the
    modern_csrf logger (which marks the request) and on django.request (which
    then drops its repeat).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is None:
            return True
        if record.name == CROSS_SITE_LOGGER:
            request._parley_refusal_logged = True
            return True
        return not getattr(request, "_parley_refusal_logged", False)
