"""Writes of threads: keys, the threads of owned pages, and of embedding pages."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parley.core import versions
from parley.core.db import write_transaction
from parley.core.text import clean_name, storable_text_error

from .. import conf
from ..errors import DiscussionError
from ..links import embed_origin
from ..models import Thread

NO_SUCH_DISCUSSION = _("There is no such discussion.")


@dataclass(frozen=True)
class ThreadPage:
    """The page a thread is for, as its embedding page declares it: the thread is
    found by key, created by the first comment accepted on it, and follows the
    page's title and address as later comments declare them.

    origin is the request's Origin header, when a browser sent one: a page can
    only speak for its own origin.
    """

    key: str
    title: str = ""
    url: str = ""
    origin: str = ""


def validate_thread_key(key: str) -> str:
    """Return the key if it can name a thread, or raise DiscussionError."""
    if (
        not key
        or len(key) > conf.MAX_THREAD_KEY_LENGTH
        or storable_text_error(key)
        or not key.isprintable()
        or any(ch.isspace() for ch in key)
    ):
        raise DiscussionError.single(
            "thread",
            _("A thread key is 1 to 255 printable characters without spaces."),
            status=404,
        )
    return key


def get_or_create_thread(key: str, *, title: str = "", url: str = "") -> Thread:
    """Return the thread for this key, creating it (public at once) on first use.

    For trusted callers only: readers' first comments go through post_comment,
    which creates a thread only for a page on an embedding origin.
    """
    validate_thread_key(key)
    thread = Thread.objects.filter(key=key).first()
    if thread is not None:
        return thread
    try:
        with write_transaction():
            return Thread.objects.create(
                key=key,
                title=title[:300],
                url=url[:1000],
                published_at=timezone.now(),
            )
    except IntegrityError:
        # Another request created it between our read and our insert.
        return Thread.objects.get(key=key)


def keep_thread(
    key: str,
    *,
    title: str,
    url: str,
    published_at: datetime | None,
    is_closed: bool,
    premoderate: bool = False,
    close_after_days: int | None = None,
) -> Thread:
    """Make the thread for an owned page (an article) exist and follow the page:
    its title, address, when it becomes public and whether it takes comments.
    Call inside a transaction."""
    thread, _created = Thread.objects.update_or_create(
        key=key,
        defaults={
            "title": title[:300],
            "url": url[:1000],
            "published_at": published_at,
            "is_closed": is_closed,
            "premoderate": premoderate,
            "close_after_days": close_after_days,
        },
    )
    touch_thread(thread.pk)
    return thread


def touch_thread(
    thread_id: int, *, comments_added: int = 0, scores_only: bool = False
) -> None:
    """Record that readers would now see this thread differently; `scores_only`
    when only comments' scores changed (a vote)."""
    changes = {"version": F("version") + 1}
    if not scores_only:
        changes["content_version"] = F("content_version") + 1
    if comments_added:
        changes["comment_count"] = F("comment_count") + comments_added
    Thread.objects.filter(pk=thread_id).update(**changes)
    versions.announce()


def is_reserved_key(key: str) -> bool:
    """Return True if only the site itself may create a thread with this key (its
    articles' threads), never a reader's first comment."""
    return key.startswith(tuple(settings.PARLEY_RESERVED_THREAD_PREFIXES))


def _declared_page(target: ThreadPage) -> ThreadPage:
    """Return the page as its embedding page declares it, or raise
    DiscussionError when the page is not on an embed origin (or not on the
    origin the request came from). resolve_thread has checked it can be stored."""
    origin = embed_origin(target.url)
    if not origin or (target.origin and target.origin != origin):
        raise DiscussionError.single(
            "thread_url",
            _(
                "A discussion can be started only from a page on a site this "
                "newsroom embeds its discussions on."
            ),
            status=403,
        )
    return ThreadPage(
        key=target.key,
        # Shown like a name: nothing invisible or direction-changing in it.
        title=clean_name(target.title)[:300],
        url=target.url.split("#")[0][:1000],
    )


def resolve_thread(
    target: "Thread | ThreadPage",
) -> tuple[Thread | None, ThreadPage | None]:
    """Return the thread to post to, and the embedding page as it declares itself
    (the page whose thread a post would create, or whose title and address an
    existing external thread will follow), or None when there is none to follow.
    """
    if isinstance(target, Thread):
        # Staff may read a draft's discussion in preview; nobody writes to it.
        if not target.is_visible:
            raise DiscussionError.single("thread", NO_SUCH_DISCUSSION, status=404)
        return target, None
    validate_thread_key(target.key)
    for field, value in (("thread_title", target.title), ("thread_url", target.url)):
        if problem := storable_text_error(value):
            raise DiscussionError.single(field, problem)
    thread = Thread.objects.filter(key=target.key).first()
    if thread is not None:
        if not thread.is_visible:
            raise DiscussionError.single("thread", NO_SUCH_DISCUSSION, status=404)
        if is_reserved_key(thread.key) or not target.url:
            return thread, None
        # An existing thread follows its page's latest declaration, so the first
        # poster does not fix its title and address for good; a declaration the
        # thread could not have been started from is ignored, not refused.
        try:
            page = _declared_page(target)
        except DiscussionError:
            return thread, None
        if (page.title or thread.title, page.url) == (thread.title, thread.url):
            return thread, None
        return thread, page
    if is_reserved_key(target.key):
        raise DiscussionError.single("thread", NO_SUCH_DISCUSSION, status=404)
    return None, _declared_page(target)


def follow_page(thread: Thread, page: ThreadPage) -> None:
    """Give an external thread its page's declared title and address. Call inside
    a transaction."""
    if page.title:
        Thread.objects.filter(pk=thread.pk).update(title=page.title, url=page.url)
    else:
        Thread.objects.filter(pk=thread.pk).update(url=page.url)
