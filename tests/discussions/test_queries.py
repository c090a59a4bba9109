import pytest
from django.utils import timezone

from parley.discussions import queries
from parley.discussions.errors import DiscussionError
from parley.discussions.models import Comment
from tests.factories import make_deep_thread, make_thread, post

pytestmark = pytest.mark.django_db

EXPECTED_ORDER = {
    "newest": lambda c: (-c.created_at.timestamp(), -c.pk),
    "oldest": lambda c: (c.created_at.timestamp(), c.pk),
    "votes": lambda c: (-c.score, -c.created_at.timestamp(), -c.pk),
}


def _walk(nodes, seen=None):
    """Return every node of these trees, depth first."""
    seen = [] if seen is None else seen
    for node in nodes:
        seen.append(node)
        _walk(node.replies, seen)
    return seen


@pytest.mark.parametrize("sort", ["newest", "oldest", "votes"])
def test_every_sort_orders_top_level_and_replies_oldest_first(sort, settings):
    """Pages walk top-level comments in the sort's order; replies under a
    comment read oldest first at every level, whatever the sort."""
    settings.PARLEY_MAX_DISPLAY_DEPTH = 50
    thread = make_deep_thread(make_thread(), roots=7, depth=4)
    key = EXPECTED_ORDER[sort]
    roots, cursor = [], ""
    while True:
        page = queries.comment_page(thread[0].thread, sort=sort, cursor=cursor, limit=3)
        roots += page.nodes
        for node in _walk(page.nodes):
            kids = [child.comment for child in node.replies]
            assert kids == sorted(kids, key=EXPECTED_ORDER["oldest"])
            assert all(
                child.comment.parent_id == node.comment.pk for child in node.replies
            )
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    top = [node.comment for node in roots]
    expected = sorted(
        Comment.objects.filter(thread=thread[0].thread, parent=None), key=key
    )
    assert top == expected
    assert len(_walk(roots)) == len(thread)


def test_replies_deeper_than_the_cap_show_flat_with_reply_marker(settings):
    settings.PARLEY_MAX_DISPLAY_DEPTH = 3
    thread = make_thread()
    chain = [post(thread, "d0", name="Zero")]
    for depth in range(1, 6):
        chain.append(post(thread, f"d{depth}", name=f"N{depth}", parent=chain[-1]))
    page = queries.comment_page(thread, sort="oldest")
    level0 = page.nodes[0]
    level1 = level0.replies[0]
    level2 = level1.replies  # the deepest level: d2, then d3, d4, d5 flat
    assert [n.comment.body_markdown for n in level2] == ["d2", "d3", "d4", "d5"]
    assert [n.display_depth for n in level2] == [2, 2, 2, 2]
    assert [n.reply_to for n in level2] == [None, "N2", "N3", "N4"]
    assert all(not n.replies for n in level2)
    assert Comment.objects.get(body_markdown="d5").parent_id == chain[4].pk


@pytest.mark.parametrize("sort", ["newest", "oldest", "votes"])
def test_a_flattened_chain_reads_in_the_order_it_was_written(sort, settings):
    """Below the cap, a deep chain and its side replies read 1, 2, 3, 4
    (oldest first) under every top-level sort, each marked with whom it answers."""
    settings.PARLEY_MAX_DISPLAY_DEPTH = 2
    thread = make_thread()
    root = post(thread, "root", name="Root")
    first = post(thread, "r1", name="One", parent=root)
    second = post(thread, "r2", name="Two", parent=first)
    post(thread, "r3", name="Three", parent=second)
    post(thread, "r4", name="Four", parent=first)
    Comment.objects.filter(body_markdown="r4").update(score=5, upvotes=5)
    (node,) = queries.comment_page(thread, sort=sort).nodes
    flat = node.replies
    assert [n.comment.body_markdown for n in flat] == ["r1", "r2", "r3", "r4"]
    assert [n.reply_to for n in flat] == [None, "One", "Two", "One"]
    assert {n.display_depth for n in flat} == {1}


def test_cursor_from_another_sort_or_garbage_is_refused():
    thread = make_thread()
    for i in range(3):
        post(thread, f"c{i}")
    page = queries.comment_page(thread, sort="newest", limit=1)
    for cursor in [page.next_cursor + "x", "!!!", "bm90IGpzb24", "WyJ2b3RlcyJd"]:
        with pytest.raises(DiscussionError):
            queries.comment_page(thread, sort="votes", cursor=cursor)
    with pytest.raises(DiscussionError):
        queries.comment_page(thread, sort="votes", cursor=page.next_cursor)


@pytest.mark.parametrize("sort", ["newest", "oldest", "votes"])
def test_page_costs_the_same_queries_in_a_small_and_a_large_thread(
    sort, django_assert_num_queries
):
    """Two queries a page: the top-level slice and its replies, whatever the size."""
    small, large = make_thread(), make_thread()
    for thread, count in ((small, 25), (large, 400)):
        comments = [
            Comment(
                thread=thread,
                author_name="x",
                body_markdown="b",
                body_html="<p>b</p>",
                created_at=timezone.now(),
            )
            for _ in range(count)
        ]
        Comment.objects.bulk_create(comments)
    for thread in (small, large):
        with django_assert_num_queries(2):
            page = queries.comment_page(thread, sort=sort, limit=20)
        assert len(page.nodes) == 20


def test_counts_for_many_threads_in_one_query(django_assert_num_queries):
    a, b = make_thread("a-key"), make_thread("b-key")
    post(a, "1")
    post(a, "2")
    post(b, "3")
    with django_assert_num_queries(1):
        counts = queries.thread_counts(["a-key", "b-key", "unknown"])
    assert counts == {"a-key": 2, "b-key": 1, "unknown": 0}
