"""
Writes of comments. Posting is two steps: check_comment resolves and validates
everything and writes nothing; write_comment writes in one transaction what the
intake decided. post_comment runs both with the intake between them.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from parley.core.db import write_transaction

from .. import conf, signals
from ..anchors import TextQuote
from ..errors import DiscussionError
from ..intake import Decision, IntakeContext, Submission, run_intake
from ..models import Comment, Thread
from ..rendering import render_comment_body
from .inputs import (
    CommentAuthor,
    anchor_quote,
    clean_body,
    clean_guest,
    clean_quote,
)
from .states import STRICTNESS, Status, change_status
from .threads import ThreadPage, follow_page, resolve_thread, touch_thread

DELETED_NOT_EDITABLE = _("This comment was deleted and can't be edited.")


@dataclass(frozen=True)
class CommentDraft:
    """A comment checked and ready to write: what check_comment resolved."""

    thread: Thread | None
    # The embedding page: the thread to create when thread is None, else the
    # title and address an existing external thread now follows (or None).
    page: ThreadPage | None
    parent: Comment | None
    user: object | None
    author: CommentAuthor
    body: str
    # The passage commented on, as found in the page's text (inline feedback).
    quote: TextQuote | None = None

    @property
    def thread_key(self) -> str:
        return self.thread.key if self.thread is not None else self.page.key


def check_comment(
    target: "Thread | ThreadPage",
    *,
    author: CommentAuthor,
    body: object,
    parent_id: int | None = None,
    quote: TextQuote | None = None,
) -> CommentDraft:
    """
    Resolve and validate everything a comment needs, writing nothing: the
    thread (or the embedding page whose thread it would start), the parent, the
    author, the body and the passage quoted (inline feedback), which must be
    in the page's text when this site knows it.

    Raise DiscussionError with a sentence per field when anything is off.
    """
    errors: dict[str, str] = {}
    status = 400
    try:
        body = clean_body(body)
    except DiscussionError as error:
        errors.update(error.errors)
        status = error.status
    if quote is not None:
        try:
            quote = clean_quote(quote, is_reply=parent_id is not None)
        except DiscussionError as error:
            errors.update(error.errors)
    user = author.user if getattr(author.user, "is_authenticated", False) else None
    if user is None:
        try:
            author = clean_guest(author)
        except DiscussionError as error:
            errors.update(error.errors)
    elif len(user.public_name) > conf.MAX_NAME_LENGTH:
        # Sign-up and the admin keep names shorter; an account saved before
        # that rule is refused rather than cut or stored past the column.
        errors["name"] = ngettext(
            "The name on your account is longer than %(limit)s character; "
            "please ask the newsroom to shorten it.",
            "The name on your account is longer than %(limit)s characters; "
            "please ask the newsroom to shorten it.",
            conf.MAX_NAME_LENGTH,
        ) % {"limit": number_format(conf.MAX_NAME_LENGTH)}
    if errors:
        raise DiscussionError(errors, status=status)
    thread, page = resolve_thread(target)
    if thread is not None and not thread.is_open:
        raise DiscussionError.single(
            "thread", _("This discussion is closed to new comments."), status=403
        )

    parent = None
    if parent_id is not None:
        parent = (
            Comment.objects.filter(pk=parent_id, thread=thread).first()
            if thread is not None
            else None
        )
        if parent is None or not parent.is_public:
            raise DiscussionError.single(
                "parent",
                _("The comment you are replying to no longer exists."),
                status=404,
            )
        if not parent.is_published:
            raise DiscussionError.single(
                "parent",
                _("That comment was deleted, so it can't take replies."),
                status=409,
            )
    if user is not None:
        author = CommentAuthor(
            user=user, name=user.public_name, email=user.email or "", website=""
        )
    if quote is not None:
        quote = anchor_quote(quote, thread.key if thread is not None else page.key)
    return CommentDraft(
        thread=thread,
        page=page,
        parent=parent,
        user=user,
        author=author,
        body=body,
        quote=quote,
    )


def post_comment(
    target: "Thread | ThreadPage",
    *,
    author: CommentAuthor,
    body: object,
    parent_id: int | None = None,
    context: IntakeContext | None = None,
    quote: TextQuote | None = None,
) -> Comment:
    """
    Check a comment (or a reply, when parent_id is given; inline feedback on a
    passage when quote is given), pass it through the intake, and write it as
    the intake decided: published, held or rejected.

    Raise DiscussionError when it is refused; nothing is written then, not even
    the thread a first comment would have started.
    """
    draft = check_comment(
        target, author=author, body=body, parent_id=parent_id, quote=quote
    )
    context = context or IntakeContext()
    decision = run_intake(
        Submission(
            thread=draft.thread,
            thread_key=draft.thread_key,
            parent=draft.parent,
            body=draft.body,
            author_name=draft.author.name,
            author_email=draft.author.email,
            author_website=draft.author.website,
            user=draft.user,
            is_edit=False,
            comment=None,
            context=context,
        )
    )
    return write_comment(
        draft,
        decision,
        author_key=context.identity,
        address_hash=context.address_hash,
    )


def write_comment(
    draft: CommentDraft,
    decision: Decision,
    *,
    author_key: str = "",
    address_hash: str = "",
) -> Comment:
    """Write a checked comment in the state the intake decided, in one transaction;
    readers' pages change only when it is published."""
    body_html = render_comment_body(draft.body)
    parent, user = draft.parent, draft.user
    quote = draft.quote or TextQuote("")
    published = decision.status == Status.PUBLISHED
    with write_transaction():
        thread = draft.thread or _create_page_thread(draft.page)
        if draft.thread is not None and draft.page is not None and published:
            follow_page(thread, draft.page)
        comment = Comment.objects.create(
            thread=thread,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            user=user,
            author_key=f"u:{user.pk}" if user else author_key,
            author_name=draft.author.name,
            author_email=draft.author.email,
            author_website=draft.author.website,
            author_is_staff=bool(user and user.is_staff),
            body_markdown=draft.body,
            body_html=body_html,
            quote_exact=quote.exact,
            quote_prefix=quote.prefix,
            quote_suffix=quote.suffix,
            status=decision.status,
            is_public=published,
            intake={**decision.as_record(), "address_hash": address_hash},
            toxicity=decision.toxicity,
            human_score=decision.human_score,
            created_at=timezone.now(),
        )
        if published:
            touch_thread(thread.pk, comments_added=1)
        signals.send_on_commit(
            signals.comment_written, comment=comment, decision=decision, created=True
        )
    return comment


def _create_page_thread(page: ThreadPage) -> Thread:
    thread, _created = Thread.objects.get_or_create(
        key=page.key,
        defaults={
            "title": page.title,
            "url": page.url,
            "published_at": timezone.now(),
        },
    )
    return thread


def edit_comment(
    comment: Comment, *, body: object, context: IntakeContext | None = None
) -> Comment:
    """
    Replace a comment's body; the new text passes the intake like a new comment.
    An edit never brings a comment closer to readers: a held one stays held.
    The caller has checked the editor's right to.
    """
    if comment.is_deleted:
        raise DiscussionError.single("comment", DELETED_NOT_EDITABLE, status=409)
    body = clean_body(body)
    decision = run_intake(
        Submission(
            thread=comment.thread,
            thread_key=comment.thread.key,
            parent=comment.parent,
            body=body,
            author_name=comment.author_name,
            author_email=comment.author_email,
            author_website=comment.author_website,
            user=comment.user,
            is_edit=True,
            comment=comment,
            context=context or IntakeContext(),
        )
    )
    body_html = render_comment_body(body)
    edited_at = timezone.now()
    with write_transaction():
        # The row is read again under its lock: it may have been deleted or
        # moderated since the caller fetched it.
        current = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if current is None or current.is_deleted:
            raise DiscussionError.single("comment", DELETED_NOT_EDITABLE, status=409)
        status = max(
            current.status, decision.status, key=lambda value: STRICTNESS[value]
        )
        record = {
            **decision.as_record(),
            "address_hash": (current.intake or {}).get("address_hash", ""),
        }
        Comment.objects.filter(pk=current.pk).update(
            body_markdown=body,
            body_html=body_html,
            edited_at=edited_at,
            intake=record,
            toxicity=decision.toxicity,
            human_score=decision.human_score,
        )
        current.body_markdown, current.body_html = body, body_html
        current.edited_at = edited_at
        current.intake = record
        current.toxicity, current.human_score = decision.toxicity, decision.human_score
        if status != current.status:
            change_status(current, status)
        elif current.is_public:
            touch_thread(current.thread_id)
        signals.send_on_commit(
            signals.comment_written,
            comment=current,
            decision=decision,
            created=False,
        )
    return current
