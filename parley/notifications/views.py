"""
The pages notification mail links to: confirm a subscription, unsubscribe in
one click, manage an address's (or an account's) subscriptions, and confirm
an account's address. A link's
signature is its authority; a bad or expired one gets a page that says so.
"""

from datetime import UTC, datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from parley.accounts.supporters import supporter_status
from parley.discussions import actions, subscribers
from parley.discussions.errors import DiscussionError

from . import actions as notifications
from . import forms, tokens
from .models import QueueDigest

# Pages that carry a reader's token or list their subscriptions: never kept by
# a browser's or a proxy's cache, never indexed.
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def _page(request, template, context=None, status=200) -> HttpResponse:
    response = render(request, template, context or {}, status=status)
    for name, value in PRIVATE_HEADERS.items():
        response[name] = value
    return response


def _bad_link(request, error: tokens.TokenError) -> HttpResponse:
    return _page(
        request, "notifications/bad_link.html", {"expired": error.expired}, status=400
    )


def methods(*allowed: str):
    """Take only these methods (405 for others, before the cross-site check)."""

    def decorator(view):
        wrapped = require_http_methods(list(allowed))(view)
        wrapped.allowed_methods = allowed  # for core's PageMethodsMiddleware
        return wrapped

    return decorator


@methods("GET", "POST")
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links; only a person confirms);
    POST confirms."""
    try:
        asked = tokens.read_confirm_token(token)
    except tokens.TokenError as error:
        return _bad_link(request, error)
    thread = subscribers.followed_thread(asked.thread_id)
    if request.method == "GET":
        return _page(
            request,
            "notifications/confirm.html",
            {"email": asked.email, "thread": thread},
        )
    count = actions.confirm_subscriptions(
        asked.email, asked.thread_id, datetime.fromtimestamp(asked.asked_at, UTC)
    )
    return _page(
        request,
        "notifications/confirmed.html",
        {"count": count, "manage_url": _manage_link(asked.email), "thread": thread},
    )


@csrf_exempt  # one click from a mail provider's server or page: the token rules
@methods("GET", "POST")
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click unsubscribe: a POST (List-Unsubscribe=One-Click, or
    the page's button) ends what the mail came from; a GET asks first."""
    try:
        wanted = tokens.read_unsubscribe_token(token)
    except tokens.TokenError as error:
        return _bad_link(request, error)
    if request.method == "GET":
        return _page(request, "notifications/unsubscribe.html", {"email": wanted.email})
    if wanted.subscription_ids:
        actions.end_subscriptions(wanted.email, wanted.subscription_ids)
    if wanted.queue_digest_user is not None:
        QueueDigest.objects.filter(user_id=wanted.queue_digest_user).delete()
    return _page(
        request,
        "notifications/unsubscribed.html",
        {"manage_url": _manage_link(wanted.email)},
    )


def _manage_link(email: str) -> str:
    return reverse("notifications:manage_link", args=[tokens.manage_token(email)])


@methods("GET", "POST")
def manage_link(request: HttpRequest, token: str) -> HttpResponse:
    """An address's subscriptions, reached from any of its mails."""
    try:
        email = tokens.read_manage_token(token)
    except tokens.TokenError as error:
        return _bad_link(request, error)
    if request.method == "POST":
        _change(request, email)
        return HttpResponseRedirect(request.path)
    return _page(
        request,
        "notifications/manage.html",
        {"email": email, "subscriptions": subscribers.subscriptions_of(email=email)},
    )


@methods("GET", "POST")
def manage(request: HttpRequest) -> HttpResponse:
    """A signed-in reader's notifications: their subscriptions, their defaults,
    and for a moderator the queue digest."""
    user = request.user
    if not user.is_authenticated:
        return _page(request, "notifications/manage_anonymous.html")
    email = (user.email or "").strip().lower()
    can_moderate = user.has_perm("discussions.moderate_comment")
    defaults = subscribers.defaults_for(user)
    form = forms.DefaultsForm(
        request.POST if request.POST.get("action") == "defaults" else None,
        initial={
            "follow_thread": defaults.follow_thread,
            "follow_replies": defaults.follow_replies,
            "delivery": defaults.delivery,
            "queue_digest": QueueDigest.objects.filter(user=user).exists(),
            "supporter_badge": user.shows_supporter_badge,
        },
    )
    if request.method == "POST" and request.POST.get("action") == "confirm_email":
        sent, sentence = notifications.ask_to_confirm_address(user)
        (messages.success if sent else messages.info)(request, sentence)
        return HttpResponseRedirect(request.path)
    if request.method == "POST":
        if form.is_bound:
            if form.is_valid():
                forms.save_defaults(user, form, can_moderate=can_moderate)
                messages.success(request, "Your notification settings were saved.")
                return HttpResponseRedirect(request.path)
        else:
            _change(request, email)
            return HttpResponseRedirect(request.path)
    return _page(
        request,
        "notifications/manage.html",
        {
            "email": email,
            "account": True,
            "form": form,
            "can_moderate": can_moderate,
            "supporter": supporter_status(user),
            "email_confirmed": user.email_is_confirmed,
            "subscriptions": subscribers.subscriptions_of(user=user),
        },
        status=400 if form.errors else 200,
    )


@methods("GET", "POST")
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links; only a person confirms);
    POST confirms that the account's address is its reader's."""
    try:
        asked = tokens.read_address_token(token)
    except tokens.TokenError as error:
        return _bad_link(request, error)
    if request.method == "GET":
        return _page(
            request, "notifications/confirm_address.html", {"email": asked.email}
        )
    confirmed = notifications.confirm_address(asked.user_id, asked.email)
    return _page(
        request,
        "notifications/address_confirmed.html",
        {"email": asked.email, "confirmed": confirmed is not None},
        status=200 if confirmed is not None else 400,
    )


def _change(request: HttpRequest, email: str) -> None:
    """End one or every subscription, or change how one is mailed."""
    action = request.POST.get("action")
    try:
        subscription_id = int(request.POST.get("subscription", ""))
    except ValueError:
        subscription_id = None
    if subscription_id is not None and not 0 < subscription_id < 2**63:
        subscription_id = None  # no row has it, and a database can't compare it
    if action == "end_all":
        actions.end_subscriptions(email)
        messages.success(request, "You will get no more notifications.")
    elif action == "end" and subscription_id:
        actions.end_subscriptions(email, [subscription_id])
        messages.success(request, "That subscription has ended.")
    elif action == "delivery" and subscription_id:
        try:
            actions.set_delivery(
                email, [subscription_id], request.POST.get("delivery", "")
            )
        except DiscussionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Saved.")
