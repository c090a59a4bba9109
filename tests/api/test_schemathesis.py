"""
schemathesis against the live OpenAPI document: every route, with generated
valid and invalid requests, answers no 5xx and only what its contract declares
(status, content type, headers, body shape), refuses what the contract calls
invalid, and answers 405 to methods it does not take.

Bounded and repeatable: a fixed seed, no example database, 50 generated
examples per route besides the contract's examples and the coverage phase's
boundary cases (about 1,200 requests, well under a minute), in-process through
WSGI. A thread and two comments are seeded, and half the generated keys, ids
and reader headers name them, so that requests get past "no such comment" to
the writes behind it.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi import checks as openapi_checks

from parley.api.schemas.discussions import MAX_ID
from parley.config.wsgi import application
from parley.discussions.tokens import (
    EDIT_HEADER,
    VOTER_HEADER,
    make_edit_token,
    new_voter_token,
)
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db

THREAD_KEY = "blog:my-post"  # the contract's example key
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20260707,
        "generation": {"max-examples": 50, "database": "none"},
        # Half the time a key, a name and a comment that pass, so that
        # requests reach the writes behind the refusals.
        "dictionaries": {
            "keys": {"values": [THREAD_KEY]},
            "names": {"values": ["Ada"]},
            "bodies": {"values": ["A *fine* comment."]},
        },
        "parameters": {
            "path.key": {"dictionary": "keys", "probability": 0.5},
            "query.thread": {"dictionary": "keys", "probability": 0.5},
            "body.name": {"dictionary": "names", "probability": 0.5},
            "body.body": {"dictionary": "bodies", "probability": 0.5},
        },
        "checks": {
            # What the contract calls invalid is refused, as on every other
            # entry point: a comment over 10,000 characters with 413.
            "negative_data_rejection": {
                "expected-statuses": [400, 403, 404, 405, 409, 413, 422, 429]
            },
        },
    }
)
# Not positive_data_acceptance: a request the contract allows may still be
# refused for what no schema states (a closed thread, a deleted parent, a
# comment that is not yours, the intake's judgement).
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
    openapi_checks.missing_required_header,
    openapi_checks.unsupported_method,
]
# What the seed fixture wrote: known only once it ran, read by the hooks.
seeded_ids: list[int] = []
seeded_headers: dict[str, str] = {}

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", application, config=CONFIG
)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the time, name a comment that exists instead of a generated id."""
    value = (path_parameters or {}).get("comment_id")
    if type(value) is not int or not 1 <= value <= MAX_ID or not seeded_ids:
        return st.just(path_parameters)
    return st.sampled_from(
        [path_parameters] + [{**path_parameters, "comment_id": pk} for pk in seeded_ids]
    )


@schema.hook
def flatmap_headers(context, headers):
    """Half the time, call as the guest who wrote the seeded comments."""
    if not seeded_headers or not isinstance(headers, dict):
        return st.just(headers)
    return st.sampled_from([headers, {**headers, **seeded_headers}])


@pytest.fixture(autouse=True)
def _one_connection():
    """Keep the test's connection (and transaction) open across requests, as
    Django's test client does: WSGI requests would close it when they end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _streams_end_at_once(settings):
    """A thread's event stream served through WSGI ends after its first event
    here (after about 25 seconds in production): every check reads the whole
    answer, and the stream's own tests (tests/live) read it as it comes."""
    settings.PARLEY_LIVE_WSGI_STREAM_SECONDS = 0


@pytest.fixture(autouse=True)
def _seeded(_one_connection):
    thread = make_thread(THREAD_KEY)
    top = post(thread, "A comment to vote on, report, edit and reply to.")
    reply = post(thread, "A reply.", parent=top)
    seeded_ids[:] = [top.pk, reply.pk]
    seeded_headers.update(
        {
            EDIT_HEADER: f"{make_edit_token(top.pk)},{make_edit_token(reply.pk)}",
            VOTER_HEADER: new_voter_token(),
        }
    )
    yield
    seeded_ids.clear()
    seeded_headers.clear()


@schema.parametrize()
def test_the_api_keeps_its_contract(case):
    case.call_and_validate(checks=CHECKS)
