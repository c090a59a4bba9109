"""
The moderation desk: the queues, one comment, the audit log, and the actions
behind their forms. Pages work without JavaScript; desk.js adds keyboard keys.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from parley.discussions import landing
from parley.discussions.errors import DiscussionError
from parley.discussions.links import is_site_path
from parley.discussions.models import Comment
from parley.discussions.queries import access_comment

from . import actions, queries
from .forms import (
    BanForm,
    BulkForm,
    FeatureForm,
    LogFilterForm,
    ReasonForm,
    StandingForm,
)


def desk_page(view: Callable) -> Callable:
    """A desk page: anonymous visitors are sent to sign in, other readers get 403."""

    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        queries.access_desk(request)
        return view(request, *args, **kwargs)

    return require_GET(page)


def desk_action(view: Callable) -> Callable:
    """A desk action: POST only, moderators only (403 for anyone else)."""

    @wraps(view)
    def action(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        queries.access_desk(request)
        return view(request, *args, **kwargs)

    return require_POST(action)


def _back(request: HttpRequest) -> HttpResponse:
    """Redirect to the page the form came from (its `next`), else the desk."""
    target = request.POST.get("next", "")
    if is_site_path(target):
        return HttpResponseRedirect(target)
    return redirect("moderation:desk")


def _moderated(request: HttpRequest, comment_id: int) -> Comment:
    return access_comment(queries.access_desk(request), comment_id, to="moderate")


def _describe(comment: Comment) -> str:
    if comment.author_name:
        return _("comment #%(id)s by %(author)s") % {
            "id": comment.pk,
            "author": comment.author_name,
        }
    return _("comment #%(id)s by a deleted author") % {"id": comment.pk}


def _refused(request: HttpRequest, error: DiscussionError) -> None:
    messages.error(request, error.message)


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _choice(value: str, choices, default: str) -> str:
    return value if value in choices else default


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


@desk_page
def desk(request: HttpRequest) -> HttpResponse:
    queue = _choice(request.GET.get("queue", ""), queries.QUEUES, "pending")
    order = _choice(request.GET.get("order", ""), queries.ORDERS, "newest")
    page = queries.queue_page(queue, order, _page_number(request.GET.get("page", "")))
    return render(
        request,
        "moderation/desk.html",
        {
            "section": "queue",
            "queue": queue,
            "order": order,
            "tabs": _tabs(queue, queries.queue_counts()),
            "orders": queries.ORDERS,
            "page": page,
            "chart": _chart(queries.queue_chart()),
        },
    )


def _tabs(current: str, counts: dict[str, int]) -> list[dict]:
    return [
        {
            "name": name,
            "label": label,
            "count": counts[name],
            "more": counts[name] > queries.COUNT_CAP,
            "current": name == current,
        }
        for name, label in queries.QUEUES.items()
    ]


CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BASE = 300, 96, 10, 78


def _chart(days: list[queries.ChartDay]) -> dict:
    """Lay out the 14-day chart's bars: held and decided side by side per day."""
    peak = max([1, *(max(day.held, day.decided) for day in days)])
    slot = CHART_WIDTH / len(days)
    bar = slot * 0.36
    scale = (CHART_BASE - CHART_TOP) / peak
    bars, last = [], len(days) - 1
    for n, day in enumerate(days):
        x = n * slot + slot * 0.12
        held, decided = round(day.held * scale, 1), round(day.decided * scale, 1)
        bars.append(
            {
                "day": day,
                "held": {"x": round(x, 1), "y": CHART_BASE - held, "h": held},
                "decided": {
                    "x": round(x + bar, 1),
                    "y": CHART_BASE - decided,
                    "h": decided,
                },
                # The last label ends at the edge rather than running past it.
                "label_x": round(n * slot + slot / 2, 1) if n < last else CHART_WIDTH,
                "anchor": "middle" if n < last else "end",
                "labelled": (len(days) - 1 - n) % 2 == 0,
            }
        )
    return {
        "bars": bars,
        "bar_width": round(bar, 1),
        "peak": peak,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "top": CHART_TOP,
        "base": CHART_BASE,
        "held": sum(day.held for day in days),
        "decided": sum(day.decided for day in days),
    }


@desk_page
def comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    moderated = _moderated(request, comment_id)
    moderated = Comment.objects.select_related("thread", "parent", "user").get(
        pk=moderated.pk
    )
    (item,) = queries.desk_items([moderated])
    return render(
        request, "moderation/comment.html", {"item": item, "section": "queue"}
    )


@desk_page
def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = queries.audit_log(
        action=filters.get("action", ""),
        actor=filters.get("actor", ""),
        day=filters.get("date"),
    )
    page = Paginator(entries, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/log.html",
        {
            "section": "log",
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@desk_action
def approve(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    try:
        actions.approve_comment(comment, by=request.user)
    except DiscussionError as error:
        _refused(request, error)
    else:
        # On the article page the news shows next to the comment it is about.
        landing.tell(
            request, messages.SUCCESS, _("Approved %s.") % _describe(comment), comment
        )
    return _back(request)


@desk_action
def reject(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        actions.reject_comment(comment, by=request.user, reason=reason)
    except DiscussionError as error:
        _refused(request, error)
    else:
        # Readers no longer see it: the news shows at the top of the discussion.
        landing.tell(request, messages.SUCCESS, _("Rejected %s.") % _describe(comment))
    return _back(request)


@desk_action
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.delete_comment(comment, by=request.user, reason=reason)
    messages.success(request, _("Deleted %s.") % _describe(comment))
    return _back(request)


@desk_action
def feature(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    form = FeatureForm(request.POST)
    featured = form.is_valid() and form.cleaned_data["featured"]
    actions.feature_comment(comment, by=request.user, featured=featured)
    done = _("Featured %s.") if featured else _("Unfeatured %s.")
    messages.success(request, done % _describe(comment))
    return _back(request)


@desk_action
def ban(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    form = BanForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request)
    try:
        bans = actions.ban_author(
            comment,
            by=request.user,
            kinds=form.cleaned_data["kinds"],
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )
    except DiscussionError as error:
        _refused(request, error)
    else:
        how = ", ".join(str(ban.get_kind_display()).lower() for ban in bans)
        messages.success(
            request,
            _("Banned the author of %(comment)s (%(how)s).")
            % {"comment": _describe(comment), "how": how},
        )
    return _back(request)


@desk_action
def standing(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _moderated(request, comment_id)
    form = StandingForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request)
    chosen = form.cleaned_data["standing"]
    try:
        actions.set_author_standing(
            comment, None if chosen == "clear" else chosen, by=request.user
        )
    except DiscussionError as error:
        _refused(request, error)
    else:
        done = {
            "trusted": _("Trusted the author of %s."),
            "premoderated": _("Pre-moderating the author of %s."),
            "clear": _("Cleared the standing of the author of %s."),
        }[chosen]
        messages.success(request, done % _describe(comment))
    return _back(request)


@desk_action
def bulk(request: HttpRequest) -> HttpResponse:
    reader = queries.access_desk(request)
    form = BulkForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request)
    approving = form.cleaned_data["action"] == "approve"
    done, failed = 0, 0
    for comment_id in form.cleaned_data["ids"]:
        try:
            comment = access_comment(reader, comment_id, to="moderate")
            if approving:
                actions.approve_comment(comment, by=request.user)
            else:
                actions.reject_comment(
                    comment, by=request.user, reason=form.cleaned_data["reason"]
                )
            done += 1
        except (DiscussionError, Http404):
            failed += 1
    if approving:
        sentence = ngettext(
            "Approved %(count)s comment.", "Approved %(count)s comments.", done
        )
    else:
        sentence = ngettext(
            "Rejected %(count)s comment.", "Rejected %(count)s comments.", done
        )
    messages.success(request, sentence % {"count": done})
    if failed:
        messages.warning(
            request,
            ngettext(
                "%(count)s could not be changed (deleted meanwhile).",
                "%(count)s could not be changed (deleted meanwhile).",
                failed,
            )
            % {"count": failed},
        )
    return _back(request)
