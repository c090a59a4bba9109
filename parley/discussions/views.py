"""Discussion pages that work without JavaScript: post, vote, edit, delete."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from modern_csrf.decorators import csrf_protect

from parley.core.addresses import request_address_hash
from parley.core.errors import ParleyError

from . import actions, queries
from .actions.subscriptions import clean_email
from .errors import AWAITING_MODERATION, DiscussionError
from .forms import CommentEditForm, CommentForm, NotifyForm
from .landing import back_to, comment_address, remember_guest, tell
from .links import thread_link
from .models import Comment, Thread
from .readers import Reader, intake_context, reader_from_cookies
from .throttle import throttle
from .tokens import set_edit_cookie, set_voter_cookie

POSTED = _("Comment posted.")
UPDATED = _("Comment updated.")
DELETED = _("Comment deleted.")
REJECTED = _(
    "Your comment can't be published here: it breaks the community guidelines."
)
WINDOW_CLOSED = _(
    "The time to change this comment has ended. Your text is below, so you can copy it."
)

# The values the vote buttons send, and nothing else: int() would also take
# " 1", "+1" or a full-width digit one.
VOTE_VALUES = {"1": 1, "0": 0, "-1": -1}


def form_view(*methods: str):
    """
    Take only these methods, answering 405 to any other before the cross-site
    check (which would otherwise answer a PUT or DELETE from another site with
    its 403 page); requests with an allowed method then pass the same check as
    everywhere else: the site's middleware, run here as a decorator.
    """

    def decorator(view):
        wrapped = csrf_exempt(require_http_methods(list(methods))(csrf_protect(view)))
        wrapped.allowed_methods = methods  # for core's PageMethodsMiddleware
        return wrapped

    return decorator


def thread_page_url(comment: Comment) -> str:
    """Return where the comment is read: its thread's page when that is on this
    site or an embed origin, else the home page."""
    anchor = f"comment-{comment.pk}"
    return thread_link(comment.thread, anchor) or f"/#{anchor}"


def submit_comment(
    request: HttpRequest, thread: Thread, form: CommentForm, reader: Reader
) -> Comment | None:
    """Post the form's comment, or put the action's sentences on the form; then
    subscribe the writer to what they ticked under "Notify of"."""
    if not form.is_valid():
        return None
    notify = form.cleaned_data["notify"]
    if notify and reader.user is None:
        try:  # checked first: a comment is not posted with a subscription refused
            clean_email(form.cleaned_data["email"])
        except DiscussionError as error:
            form.add_error("email", error.message)
            return None
    try:
        comment = actions.post_comment(
            thread,
            author=actions.CommentAuthor(
                user=reader.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                website=form.cleaned_data["website"],
            ),
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
            quote=form.quote(),
            context=intake_context(
                request,
                reader,
                channel="form",
                honeypot=form.cleaned_data["honeypot"],
                rendered_at=form.rendered_at(),
                post_anyway=form.cleaned_data["post_anyway"],
            ),
        )
    except DiscussionError as error:
        form.second_look = error.code == "second_look"
        form.contact_needed = error.code in ("score", "banned")
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return None
    if notify:
        _subscribe(
            request,
            comment.thread,
            actions.Subscriber(user=reader.user, email=form.cleaned_data["email"]),
            notify,
        )
    return comment


def _subscribe(request, thread, subscriber, kinds, comment=None) -> bool:
    """Subscribe, telling the reader how it went in a message."""
    try:
        answer = actions.subscribe(
            thread, subscriber=subscriber, kinds=kinds, comment=comment
        )
    except DiscussionError as error:
        messages.error(request, error.message)
        return False
    messages.info(request, answer)
    return True


@form_view("GET", "POST")
def notify(request: HttpRequest, comment_id: int) -> HttpResponse:
    """ "Notify of new replies to this comment" without JavaScript: a guest
    gives an address (and confirms it by mail), a signed-in reader just asks.
    Every guest's request is answered alike."""
    reader = reader_from_cookies(request)
    comment = queries.access_comment(reader, comment_id, to="respond")
    form = NotifyForm(request.POST or None)
    context = {"comment": comment, "form": form, "back": thread_page_url(comment)}
    if request.method == "POST" and form.is_valid():
        try:
            throttle(
                "subscribe",
                identity=reader.identity,
                address_hash=request_address_hash(request),
            )
            if form.cleaned_data["honeypot"]:
                answer = actions.GUEST_ANSWER  # a bot: told what anyone is told
            else:
                answer = actions.subscribe(
                    comment.thread,
                    subscriber=actions.Subscriber(
                        user=reader.user, email=form.cleaned_data["email"]
                    ),
                    kinds=["comment"],
                    comment=comment,
                )
        except ParleyError as error:
            form.add_error("email" if "email" in error.errors else None, error.message)
            status = error.status if error.status == 429 else 400
            return render(request, "discussions/notify.html", context, status=status)
        return render(request, "discussions/notify.html", {**context, "answer": answer})
    return render(request, "discussions/notify.html", context)


def posted_message(request: HttpRequest, comment: Comment) -> None:
    """Tell the author what became of their comment, next to it."""
    if comment.status == Comment.Status.PENDING:
        tell(request, messages.INFO, AWAITING_MODERATION, comment)
    elif comment.is_published:
        tell(request, messages.SUCCESS, POSTED, comment)
    else:
        tell(request, messages.WARNING, REJECTED)


def posted_response(
    request: HttpRequest,
    comment: Comment,
    form: CommentForm,
    *,
    path: str,
    feedback=None,
    issued: str | None = None,
) -> HttpResponse:
    """
    Answer a comment posted without JavaScript: to the page of the thread at
    `path` that shows it, in the sort and view the reader was reading
    (landing.comment_address), with the news next to it; the browser may
    edit it for the window, and keeps a guest's details when they asked.
    """
    posted_message(request, comment)
    if comment.status == Comment.Status.REJECTED:
        response = HttpResponseRedirect(f"{request.get_full_path()}#discussion-news")
    else:
        address = comment_address(comment, path, request.GET, feedback)
        response = HttpResponseRedirect(address)
    set_edit_cookie(response, comment.pk)
    if issued:
        set_voter_cookie(response, issued)
    if comment.user_id is None:
        keep = form.cleaned_data.get("remember")
        remember_guest(response, form.cleaned_data if keep else None)
    return response


@form_view("POST")
def vote(request: HttpRequest, comment_id: int) -> HttpResponse:
    reader = reader_from_cookies(request)
    comment = queries.access_comment(reader, comment_id, to="respond")
    issued = reader.ensure_identity()
    voter = reader.voter
    try:
        throttle("vote", identity=voter, address_hash=request_address_hash(request))
        # Anything but the buttons' values reaches the action as None, and the
        # action refuses it with the sentence the API gives.
        actions.cast_vote(
            comment, voter=voter, value=VOTE_VALUES.get(request.POST.get("value"))
        )
    except ParleyError as error:
        if error.status == 400:
            # Only a hand-made request sends what the page never offers.
            return render(
                request,
                "discussions/vote_refused.html",
                {"message": error.message, "back": back_to(request, comment)},
                status=400,
            )
        tell(request, messages.ERROR, error.message, comment)
    response = HttpResponseRedirect(back_to(request, comment))
    if issued:
        set_voter_cookie(response, issued)
    return response


def _editable(request: HttpRequest, comment_id: int) -> tuple[Comment, Reader, bool]:
    """Return the comment to change, its reader, and whether they still may
    (False: their own, once the edit window has closed). Anyone else's comment
    raises DiscussionError (403), one they may not see Http404."""
    reader = reader_from_cookies(request)
    comment = queries.access_comment(reader, comment_id)
    if queries.can_edit(comment, reader):
        return comment, reader, True
    window_over = timezone.now() > queries.editable_until(comment)
    if window_over and queries.is_own(comment, reader) and not comment.is_deleted:
        return comment, reader, False
    raise queries.edit_refused()


def _closed(request: HttpRequest) -> HttpResponse:
    return render(request, "discussions/edit_closed.html", status=403)


def _change_context(request: HttpRequest, comment: Comment, **extra) -> dict:
    until = queries.editable_until(comment)
    return {
        "comment": comment,
        "editable_until": until,
        "minutes_left": queries.minutes_left(until),
        "back": back_to(request, comment),
        "next": request.POST.get("next") or request.GET.get("next", ""),
        **extra,
    }


@form_view("GET", "POST")
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Edit a comment without JavaScript, within the edit window; back on the
    page it came from, at the comment, with the news next to it. Text sent
    after the window closed comes back on the page to be copied."""
    try:
        comment, reader, open_ = _editable(request, comment_id)
    except DiscussionError:
        return _closed(request)
    form = CommentEditForm(
        request.POST or None, initial={"body": comment.body_markdown}
    )
    if not open_:
        if request.method == "POST":
            form.is_valid()
            form.add_error("body", WINDOW_CLOSED)
            context = _change_context(request, comment, form=form, closed=True)
            return render(request, "discussions/edit.html", context, status=403)
        return _closed(request)
    if request.method == "POST" and form.is_valid():
        try:
            comment = actions.edit_comment(
                comment,
                body=form.cleaned_data["body"],
                context=intake_context(request, reader, channel="form"),
            )
        except DiscussionError as error:
            form.add_error("body", error.message)
        else:
            held = comment.status == Comment.Status.PENDING
            news = AWAITING_MODERATION if held else UPDATED
            tell(request, messages.INFO if held else messages.SUCCESS, news, comment)
            return HttpResponseRedirect(back_to(request, comment))
    return render(
        request,
        "discussions/edit.html",
        _change_context(request, comment, form=form),
        status=400 if form.errors else 200,
    )


@form_view("GET", "POST")
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Delete a comment without JavaScript: a page asks first (with Cancel
    back to the comment); deleted, back on the page it was on."""
    try:
        comment, _reader, open_ = _editable(request, comment_id)
    except DiscussionError:
        return _closed(request)
    if not open_:
        return _closed(request)
    if request.method == "GET":
        return render(
            request, "discussions/delete.html", _change_context(request, comment)
        )
    target = back_to(request, comment, anchor="discussion-news")
    actions.delete_comment(comment)
    tell(request, messages.SUCCESS, DELETED)
    return HttpResponseRedirect(target)
