"""Every write to a discussion: pages, the API and commands all come through here."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from parley.core.db import write_transaction
from parley.core.text import normalize_text, storable_text_error

from . import conf
from .errors import EMPTY_BODY, MISSING_NAME, DiscussionError
from .models import Comment, Thread, Vote
from .rendering import render_comment_body


@dataclass(frozen=True)
class CommentAuthor:
    """Who writes a comment: a signed-in user, or a guest with what they typed."""

    user: object | None = None
    name: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class VoteResult:
    comment_id: int
    score: int
    upvotes: int
    downvotes: int
    my_vote: int


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
            "A thread key is 1 to 255 printable characters without spaces.",
            status=404,
        )
    return key


def get_or_create_thread(key: str, *, title: str = "", url: str = "") -> Thread:
    """Return the thread for this key, creating it on first use."""
    validate_thread_key(key)
    thread = Thread.objects.filter(key=key).first()
    if thread is not None:
        return thread
    try:
        with write_transaction():
            return Thread.objects.create(key=key, title=title[:300], url=url[:1000])
    except IntegrityError:
        # Another request created it between our read and our insert.
        return Thread.objects.get(key=key)


def sync_article_thread(article) -> Thread:
    """Make the article's thread exist and follow its title and open/closed state."""
    thread, _created = Thread.objects.update_or_create(
        article=article,
        defaults={
            "key": article.thread_key,
            "title": article.headline[:300],
            "is_closed": not article.comments_open,
        },
    )
    touch_thread(thread.pk)
    return thread


def touch_thread(thread_id: int, *, comments_added: int = 0) -> None:
    """Record that readers would now see this thread differently."""
    changes = {"version": F("version") + 1}
    if comments_added:
        changes["comment_count"] = F("comment_count") + comments_added
    Thread.objects.filter(pk=thread_id).update(**changes)


def _clean_body(body: object) -> str:
    if not isinstance(body, str) or not body.strip():
        raise DiscussionError.single("body", EMPTY_BODY)
    if problem := storable_text_error(body):
        raise DiscussionError.single("body", problem)
    body = normalize_text(body).strip()
    if len(body) > conf.MAX_BODY_LENGTH:
        raise DiscussionError.single(
            "body",
            f"Your comment is {len(body):,} characters long; "
            f"please keep it to {conf.MAX_BODY_LENGTH:,}.",
            status=413,
        )
    return body


def _clean_guest(author: CommentAuthor) -> CommentAuthor:
    errors: dict[str, str] = {}
    name = normalize_text(author.name or "").strip()
    email = (author.email or "").strip()
    website = (author.website or "").strip()
    for field, value in (("name", name), ("email", email), ("website", website)):
        if problem := storable_text_error(value):
            errors[field] = problem
    if "name" not in errors:
        if not name:
            errors["name"] = str(MISSING_NAME)
        elif len(name) > conf.MAX_NAME_LENGTH:
            errors["name"] = (
                f"Please keep your name to {conf.MAX_NAME_LENGTH} characters."
            )
    if email and "email" not in errors:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = "Please enter a valid e-mail address, or leave it empty."
    if website and "website" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(website)
            if len(website) > 500:
                raise ValidationError("too long")
        except ValidationError:
            errors["website"] = (
                "Please enter a web address starting with http:// or https://, "
                "or leave it empty."
            )
    if errors:
        raise DiscussionError(errors)
    return CommentAuthor(name=name, email=email, website=website)


def post_comment(
    thread: Thread,
    *,
    author: CommentAuthor,
    body: object,
    parent_id: int | None = None,
) -> Comment:
    """
    Validate and publish a comment (or a reply when parent_id is given).

    Raise DiscussionError with a sentence per field when anything is off.
    """
    errors: dict[str, str] = {}
    status = 400
    try:
        body = _clean_body(body)
    except DiscussionError as error:
        errors.update(error.errors)
        status = error.status
    user = author.user if getattr(author.user, "is_authenticated", False) else None
    if user is None:
        try:
            author = _clean_guest(author)
        except DiscussionError as error:
            errors.update(error.errors)
    if errors:
        raise DiscussionError(errors, status=status)
    if thread.is_closed:
        raise DiscussionError.single(
            "thread", "This discussion is closed to new comments.", status=403
        )

    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, thread=thread).first()
        if parent is None:
            raise DiscussionError.single(
                "parent",
                "The comment you are replying to no longer exists.",
                status=404,
            )
        if parent.is_deleted:
            raise DiscussionError.single(
                "parent",
                "That comment was deleted, so it can't take replies.",
                status=409,
            )

    body_html = render_comment_body(body)
    with write_transaction():
        comment = Comment.objects.create(
            thread=thread,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            user=user,
            author_name=user.public_name if user else author.name,
            author_email=(user.email if user else author.email) or "",
            author_website="" if user else author.website,
            author_is_staff=bool(user and user.is_staff),
            body_markdown=body,
            body_html=body_html,
            created_at=timezone.now(),
        )
        touch_thread(thread.pk, comments_added=1)
    return comment


def edit_comment(comment: Comment, *, body: object) -> Comment:
    """Replace a comment's body. The caller has checked the editor's right to."""
    if comment.is_deleted:
        raise DiscussionError.single(
            "comment", "This comment was deleted and can't be edited.", status=409
        )
    body = _clean_body(body)
    body_html = render_comment_body(body)
    edited_at = timezone.now()
    with write_transaction():
        # Only a comment that is still published changes (it may have been
        # deleted since the caller fetched it).
        changed = Comment.objects.filter(
            pk=comment.pk, status=Comment.Status.PUBLISHED
        ).update(body_markdown=body, body_html=body_html, edited_at=edited_at)
        if not changed:
            raise DiscussionError.single(
                "comment", "This comment was deleted and can't be edited.", status=409
            )
        touch_thread(comment.thread_id)
    comment.body_markdown, comment.body_html = body, body_html
    comment.edited_at = edited_at
    return comment


def delete_comment(comment: Comment) -> None:
    """
    Remove a comment. One with replies stays as a "[deleted]" placeholder so the
    thread keeps its shape; a placeholder left with no replies goes too.
    """
    with write_transaction():
        _delete_comment(comment)


def _delete_comment(comment: Comment) -> None:
    # Every write touches comment rows before the thread row, so that two
    # writers on PostgreSQL always take their locks in the same order. The row
    # is read again under its lock: two deletes at once must count once.
    comment = Comment.objects.select_for_update().filter(pk=comment.pk).first()
    if comment is None or comment.is_deleted:
        return
    if comment.replies.exists():
        comment.status = Comment.Status.DELETED
        comment.body_markdown = ""
        comment.body_html = ""
        comment.author_name = ""
        comment.author_email = ""
        comment.author_website = ""
        comment.user = None
        comment.save(
            update_fields=[
                "status",
                "body_markdown",
                "body_html",
                "author_name",
                "author_email",
                "author_website",
                "user",
            ]
        )
    else:
        parent_id = comment.parent_id
        comment.delete()
        while parent_id is not None:
            parent = Comment.objects.filter(pk=parent_id).first()
            if parent is None or not parent.is_deleted or parent.replies.exists():
                break
            parent_id = parent.parent_id
            parent.delete()
    touch_thread(comment.thread_id, comments_added=-1)


def cast_vote(comment: Comment, *, voter: str, value: object) -> VoteResult:
    """
    Record this voter's vote: 1 up, -1 down, 0 to take it back.

    The score moves by the difference in one UPDATE, so it always equals the sum
    of the votes, however many arrive at once.
    """
    if type(value) is not int or value not in (1, -1, 0):
        raise DiscussionError.single(
            "value", "A vote is 1 (up), -1 (down) or 0 (none)."
        )
    if value == -1 and conf.upvotes_only():
        raise DiscussionError.single("value", "This site counts up-votes only.")
    if comment.is_deleted:
        raise DiscussionError.single(
            "comment", "This comment was deleted and can't be voted on.", status=409
        )
    # A repeated vote changes nothing: answer it from one read, without taking
    # the write lock.
    state = (
        Comment.objects.filter(pk=comment.pk)
        .annotate(
            stored=Subquery(
                Vote.objects.filter(comment_id=OuterRef("pk"), voter=voter).values(
                    "value"
                )[:1]
            )
        )
        .values("score", "upvotes", "downvotes", "stored")
        .first()
    )
    if state is None:
        raise DiscussionError.single("comment", "This comment no longer exists.", 404)
    if (state.pop("stored") or 0) == value:
        return VoteResult(comment.pk, my_vote=value, **state)
    for attempt in range(3):
        try:
            with write_transaction():
                return _write_vote(comment.pk, comment.thread_id, voter, value)
        except IntegrityError:
            # Two first votes by one voter raced; the loser retries as an update.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _write_vote(comment_id: int, thread_id: int, voter: str, value: int) -> VoteResult:
    existing = (
        Vote.objects.select_for_update()
        .filter(comment_id=comment_id, voter=voter)
        .first()
    )
    old = existing.value if existing else 0
    if value == old:
        current = Comment.objects.values("score", "upvotes", "downvotes").get(
            pk=comment_id
        )
        return VoteResult(comment_id, my_vote=value, **current)
    if existing and value == 0:
        existing.delete()
    elif existing:
        existing.value = value
        existing.save(update_fields=["value", "created_at"])
    else:
        Vote.objects.create(comment_id=comment_id, voter=voter, value=value)
    up_delta = (value == 1) - (old == 1)
    down_delta = (value == -1) - (old == -1)
    Comment.objects.filter(pk=comment_id).update(
        upvotes=F("upvotes") + up_delta,
        downvotes=F("downvotes") + down_delta,
        score=F("score") + up_delta - down_delta,
    )
    touch_thread(thread_id)
    current = Comment.objects.values("score", "upvotes", "downvotes").get(pk=comment_id)
    return VoteResult(comment_id, my_vote=value, **current)
