"""The fast path answers shared pages as Django would, and never after a write."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from parley.core import versions
from parley.core.fastpath import FastPath
from parley.discussions import actions
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db


class Answer:
    def __init__(self, app, path, **headers):
        environ = RequestFactory().get(path, headers=headers).environ
        self.status, self.headers = None, None

        def start_response(status, headers, exc_info=None):
            self.status, self.headers = status, headers

        self.body = b"".join(app(environ, start_response))


@pytest.fixture
def app():
    # As Django's test client does: the test's database connection must
    # outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield FastPath(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_fast_answer_is_djangos_answer_and_costs_one_query(
    app, django_assert_num_queries
):
    article = make_article(headline="Fast story")
    post(article.thread, "Seen by all.")
    url = article.get_absolute_url()
    from_django = Answer(app, url)
    with django_assert_num_queries(1):  # the versions, nothing else
        fast = Answer(app, url)
    assert fast.status == from_django.status == "200 OK"
    assert fast.headers == from_django.headers and fast.body == from_django.body
    etag = dict(fast.headers)["ETag"]
    assert Answer(app, url, **{"If-None-Match": etag}).status == "304 Not Modified"
    with django_assert_num_queries(1):
        assert Answer(app, url, **{"If-None-Match": etag}).status == "304 Not Modified"


def test_no_stale_page_after_a_write(app):
    article = make_article(headline="Fast story")
    comment = post(article.thread, "Seen by all.")
    url = article.get_absolute_url()
    Answer(app, url)
    Answer(app, url)
    actions.cast_vote(comment, voter="a:someone", value=1)
    assert b'aria-label="Score">1</span>' in Answer(app, url).body
    post(article.thread, "Another one.")
    assert b"Another one." in Answer(app, url).body
    article.headline = "Fast story, updated"
    from parley.newsroom.actions import save_article

    save_article(article)
    assert b"Fast story, updated" in Answer(app, url).body


def test_readers_with_their_own_cookies_go_to_django(app, django_assert_num_queries):
    article = make_article(headline="Fast story")
    url = article.get_absolute_url()
    Answer(app, url)
    with django_assert_num_queries(1):
        Answer(app, url, Cookie="analytics=1")  # not Parley's: still shared
    for cookie in ("sessionid=x", "messages=x", "parley-voter=x", "parley-edit-4=x"):
        answer = Answer(app, url, Cookie=cookie)
        assert answer.status == "200 OK"
        with CaptureQueriesContext(connection) as queries:
            Answer(app, url, Cookie=cookie)
        assert len(queries) >= 2, f"{cookie} was answered without Django"


def test_other_hosts_and_methods_are_never_answered_from_memory(app):
    article = make_article(headline="Fast story")
    url = article.get_absolute_url()
    Answer(app, url)
    assert Answer(app, url, Host="evil.example").status.startswith("400")


def test_tracking_parameters_share_the_page_but_not_the_fast_path(
    app, django_assert_num_queries
):
    """A link shared on a social site carries a parameter unique to each click:
    Django serves the same shared page for it, and the fast path keeps no copy."""
    article = make_article(headline="Fast story")
    url = article.get_absolute_url()
    plain = Answer(app, url)
    tracked = Answer(app, f"{url}?utm_source=feed&fbclid=abc123")
    assert tracked.body == plain.body
    with CaptureQueriesContext(connection) as queries:
        Answer(app, f"{url}?utm_source=feed&fbclid=abc123")
    assert len(queries) == 3, "answered by Django from the shared page"
    Answer(app, f"{url}?sort=oldest")
    with django_assert_num_queries(1):  # a parameter the page reads: kept
        assert Answer(app, f"{url}?sort=oldest").status == "200 OK"


def test_home_holds_while_its_comment_counts_do(app, django_assert_num_queries):
    article = make_article(headline="Counted story")
    Answer(app, "/")
    with django_assert_num_queries(1):  # the articles' version and the counts
        assert b"0 comments" in Answer(app, "/").body
    post(article.thread, "One more.")
    assert b"1 comment<" in Answer(app, "/").body


def test_the_api_thread_page_is_answered_fast_until_a_write(
    app, django_assert_num_queries
):
    article = make_article(headline="Fast story")
    comment = post(article.thread, "Seen by all.")
    url = f"/api/v1/threads/{article.thread.key}/comments?sort=newest"
    from_django = Answer(app, url)
    with django_assert_num_queries(1):
        fast = Answer(app, url)
    assert (fast.status, fast.headers, fast.body) == (
        from_django.status,
        from_django.headers,
        from_django.body,
    )
    actions.cast_vote(comment, voter="a:someone", value=1)
    assert b'"score":1' in Answer(app, url).body
    other = Answer(app, url, Origin="https://elsewhere.example")
    assert other.status == "200 OK"  # answered for its own Origin, by Django


@pytest.mark.skipif(
    versions.writes_client() is None, reason="the writes counter lives in Redis"
)
def test_with_redis_an_unmoved_writes_counter_spares_the_database(
    app, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Each committed write counts itself in Redis; while the count stands
    still, the fast path asks the database nothing, and after a write it asks
    again and answers the new page."""
    article = make_article(headline="Fast story")
    comment = post(article.thread, "Seen by all.")
    url = article.get_absolute_url()
    versions.writes_client().incr(versions.WRITES_KEY)
    Answer(app, url)
    Answer(app, url)  # versions read equal: the count is noted
    with django_assert_num_queries(0):
        assert Answer(app, url).status == "200 OK"
    with django_capture_on_commit_callbacks(execute=True):
        actions.cast_vote(comment, voter="a:counted", value=1)
    assert b'aria-label="Score">1</span>' in Answer(app, url).body
