"""
The mail Parley sends: a guest's confirmation, a reader's link that confirms
their account's address, a notification of one comment,
an address's daily digest and a moderator's queue digest. Every message is
multipart (text and HTML), from the site's name, and every notification
carries a one-click unsubscribe (RFC 8058) in its headers and its body.
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from parley.core.languages import in_default_language
from parley.discussions.links import thread_link
from parley.discussions.models import Comment, Subscription, Thread

from . import tokens

Kind = Subscription.Kind


def absolute(path_or_url: str) -> str:
    """Return an address readers can open from their mail."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return f"{settings.PARLEY_SITE_URL}{path_or_url}"


def comment_url(comment: Comment) -> str:
    return absolute(thread_link(comment.thread, f"comment-{comment.pk}") or "/")


def thread_url(thread: Thread) -> str:
    return absolute(thread_link(thread) or "/")


def thread_title(thread: Thread) -> str:
    return " ".join((thread.title or thread.key).split())


def confirm_url(email: str, thread_id: int) -> str:
    token = tokens.confirm_token(email, thread_id)
    return absolute(reverse("notifications:confirm", args=[token]))


def unsubscribe_url(email: str, ids=(), *, queue_digest_user=None) -> str:
    token = tokens.unsubscribe_token(email, ids, queue_digest_user=queue_digest_user)
    return absolute(reverse("notifications:unsubscribe", args=[token]))


def manage_url(email: str) -> str:
    return absolute(
        reverse("notifications:manage_link", args=[tokens.manage_token(email)])
    )


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def compose(
    *, to: str, subject: str, template: str, context: dict, unsubscribe: str = ""
) -> EmailMultiAlternatives:
    """Return a multipart message from the site's name; with an unsubscribe
    address, the RFC 8058 headers that let mail providers offer one click."""
    context = {
        "site_name": settings.SITE_NAME,
        "unsubscribe_url": unsubscribe,
        **context,
    }
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=_one_line(subject),
        body=render_to_string(f"notifications/mail/{template}.txt", context),
        from_email=formataddr((settings.SITE_NAME, settings.DEFAULT_FROM_EMAIL)),
        to=[to],
        headers=headers,
    )
    message.attach_alternative(
        render_to_string(f"notifications/mail/{template}.html", context), "text/html"
    )
    return message


@in_default_language
def confirmation_mail(
    email: str, thread: Thread, pending: list[Subscription]
) -> EmailMultiAlternatives:
    title = thread_title(thread)
    return compose(
        to=email,
        subject=_("Please confirm: notifications of new comments on “%(title)s”")
        % {"title": title},
        template="confirm",
        context={
            "email": email,
            "title": title,
            "thread_url": thread_url(thread),
            "wanted": [row.wish for row in pending],
            "confirm_url": confirm_url(email, thread.pk),
            "days": settings.PARLEY_CONFIRM_LINK_DAYS,
        },
    )


def address_url(user_id: int, email: str) -> str:
    token = tokens.address_token(user_id, email)
    return absolute(reverse("notifications:confirm_address", args=[token]))


@in_default_language
def address_confirmation_mail(user) -> EmailMultiAlternatives:
    """The link that confirms an account's e-mail address is its reader's."""
    email = user.email.strip().lower()
    return compose(
        to=email,
        subject=_("Please confirm your e-mail address on %(site)s")
        % {"site": settings.SITE_NAME},
        template="address",
        context={
            "email": email,
            "username": user.get_username(),
            "confirm_url": address_url(user.pk, email),
            "days": settings.PARLEY_CONFIRM_LINK_DAYS,
        },
    )


SUBJECTS = {
    Kind.COMMENT: _lazy("%(author)s replied to the comment you follow on “%(title)s”"),
    Kind.REPLIES: _lazy("%(author)s replied to your comment on “%(title)s”"),
    Kind.THREAD: _lazy("New comment by %(author)s on “%(title)s”"),
}


@in_default_language
def notification_mail(
    email: str, comment: Comment, subscription: Subscription
) -> EmailMultiAlternatives:
    title = thread_title(comment.thread)
    return compose(
        to=email,
        subject=SUBJECTS[subscription.kind]
        % {"author": comment.author_name, "title": title},
        template="comment",
        context={
            "comment": comment,
            "title": title,
            "comment_url": comment_url(comment),
            "reason": subscription.wish,
            "manage_url": manage_url(email),
        },
        unsubscribe=unsubscribe_url(email, [subscription.pk]),
    )


@in_default_language
def digest_mail(email: str, items: list) -> EmailMultiAlternatives:
    """`items`: the deliveries of the digest, with comment and thread."""
    by_thread: dict[int, dict] = {}
    for item in items:
        thread = item.comment.thread
        entry = by_thread.setdefault(
            thread.pk,
            {"title": thread_title(thread), "url": thread_url(thread), "comments": []},
        )
        entry["comments"].append(
            {"comment": item.comment, "url": comment_url(item.comment)}
        )
    count = len(items)
    ids = {item.subscription_id for item in items if item.subscription_id}
    return compose(
        to=email,
        subject=ngettext(
            "%(count)s new comment: your daily digest from %(site)s",
            "%(count)s new comments: your daily digest from %(site)s",
            count,
        )
        % {"count": count, "site": settings.SITE_NAME},
        template="digest",
        context={
            "threads": list(by_thread.values()),
            "count": count,
            "manage_url": manage_url(email),
        },
        unsubscribe=unsubscribe_url(email, ids),
    )


@in_default_language
def queue_digest_mail(
    user, comments: list[Comment], total: int
) -> EmailMultiAlternatives:
    return compose(
        to=user.email,
        subject=ngettext(
            "%(count)s comment awaits moderation on %(site)s",
            "%(count)s comments await moderation on %(site)s",
            total,
        )
        % {"count": total, "site": settings.SITE_NAME},
        template="queue",
        context={
            "total": total,
            "comments": [
                {
                    "comment": comment,
                    "title": thread_title(comment.thread),
                    "url": absolute(reverse("moderation:comment", args=[comment.pk])),
                }
                for comment in comments
            ],
            "desk_url": absolute(reverse("moderation:desk")),
        },
        unsubscribe=unsubscribe_url(user.email, queue_digest_user=user.pk),
    )
