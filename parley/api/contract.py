"""
What each kind of route may answer besides success, and the headers it reads,
declared once so that every route's contract says what the code does
(tests/api/test_schemathesis.py keeps it so).

Refusals are JSON in one of two shapes: ErrorsOut, a sentence per field, for a
problem with what was sent or done; DetailOut, one sentence, where no field is
to blame (a route or comment that isn't there, a cookie-carrying write sent
from another site, a body too large to read, the database away for a moment).
"""

from parley.api.schemas.discussions import DetailOut, ErrorsOut
from parley.discussions.tokens import EDIT_HEADER, VOTER_HEADER

EITHER = ErrorsOut | DetailOut

# Any route: the database is briefly unavailable (with Retry-After).
ALWAYS = {503: DetailOut}
# Any route with parameters: one of them is not valid.
INVALID = {400: ErrorsOut, **ALWAYS}
# Any write: cookies on a request a browser sent from another site (403), a
# body past the size limit (413, before it is read).
WRITE = {**INVALID, 403: EITHER, 413: EITHER}
NOT_FOUND = {404: EITHER}
DELETED = {409: ErrorsOut}  # the comment was deleted (meanwhile)
SECOND_LOOK = {422: ErrorsOut}  # the intake asks the writer to look again
THROTTLED = {429: ErrorsOut}  # too many at once, with Retry-After


def reads_headers(*names: str) -> dict:
    """Return the OpenAPI parameters for the reader headers a route reads
    (parley.api.identity reads them, for every route alike)."""
    return {"parameters": [HEADERS[name] for name in names]}


HEADERS = {
    VOTER_HEADER: {
        "in": "header",
        "name": VOTER_HEADER,
        "required": False,
        "schema": {"type": "string"},
        "description": "A guest's reader token (`voter_token`): their votes, "
        "reports and held comments. Counts from any site, unlike cookies.",
    },
    EDIT_HEADER: {
        "in": "header",
        "name": EDIT_HEADER,
        "required": False,
        "schema": {"type": "string"},
        "description": "Edit tokens (`edit_token`), comma-separated: the guest's "
        "right to edit or delete those comments within the edit window.",
    },
}
