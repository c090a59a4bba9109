"""Discussion pages that work without JavaScript: post, vote, edit, delete."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from modern_csrf.decorators import csrf_protect

from parley.core.addresses import request_address_hash
from parley.core.errors import ParleyError

from . import actions, queries
from .actions.subscriptions import clean_email
from .errors import AWAITING_MODERATION, DiscussionError
from .forms import CommentEditForm, CommentForm, NotifyForm
from .links import is_site_path, thread_link
from .models import Comment, Thread
from .readers import Reader, intake_context, reader_from_cookies
from .throttle import throttle
from .tokens import set_voter_cookie

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


def _back(request: HttpRequest, comment: Comment) -> str:
    target = request.POST.get("next", "")
    if is_site_path(target):
        return f"{target.split('#')[0]}#comment-{comment.pk}"
    return thread_page_url(comment)


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
    """Tell the author what became of their comment."""
    if comment.status == Comment.Status.PENDING:
        messages.info(request, AWAITING_MODERATION)
    elif comment.is_published:
        messages.success(request, "Your comment was posted.")


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
                {"message": error.message, "back": _back(request, comment)},
                status=400,
            )
        messages.error(request, error.message)
    response = HttpResponseRedirect(_back(request, comment))
    if issued:
        set_voter_cookie(response, issued)
    return response


def _editable(request: HttpRequest, comment_id: int) -> tuple[Comment, Reader] | None:
    reader = reader_from_cookies(request)
    try:
        return queries.access_comment(reader, comment_id, to="edit"), reader
    except DiscussionError:
        return None


@form_view("GET", "POST")
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    found = _editable(request, comment_id)
    if found is None:
        return render(request, "discussions/edit_closed.html", status=403)
    comment, reader = found
    form = CommentEditForm(
        request.POST or None, initial={"body": comment.body_markdown}
    )
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
            if comment.status == Comment.Status.PENDING:
                messages.info(request, AWAITING_MODERATION)
            else:
                messages.success(request, "Your comment was updated.")
            return HttpResponseRedirect(thread_page_url(comment))
    return render(
        request,
        "discussions/edit.html",
        {
            "comment": comment,
            "form": form,
            "editable_until": queries.editable_until(comment),
        },
        status=400 if form.errors else 200,
    )


@form_view("POST")
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    found = _editable(request, comment_id)
    if found is None:
        return render(request, "discussions/edit_closed.html", status=403)
    comment, _reader = found
    target = thread_page_url(comment).split("#")[0] + "#comments"
    actions.delete_comment(comment)
    messages.success(request, "Your comment was deleted.")
    return HttpResponseRedirect(target)
