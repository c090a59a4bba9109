"""Discussion pages that work without JavaScript: post, vote, edit, delete."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from . import actions, queries
from .errors import DiscussionError
from .forms import CommentEditForm, CommentForm
from .models import Comment
from .readers import reader_from_cookies
from .tokens import new_voter_token, set_voter_cookie, voter_from_token


def thread_page_url(comment: Comment) -> str:
    article = comment.thread.article
    base = article.get_absolute_url() if article else comment.thread.url or "/"
    return f"{base}#comment-{comment.pk}"


def _back(request: HttpRequest, comment: Comment) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return f"{target.split('#')[0]}#comment-{comment.pk}"
    return thread_page_url(comment)


def submit_comment(request: HttpRequest, thread, form: CommentForm) -> Comment | None:
    """Post the form's comment, or put the action's sentences on the form."""
    if not form.is_valid():
        return None
    try:
        return actions.post_comment(
            thread,
            author=actions.CommentAuthor(
                user=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                website=form.cleaned_data["website"],
            ),
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
        )
    except DiscussionError as error:
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return None


@require_POST
def vote(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = queries.access_comment(comment_id)
    reader = reader_from_cookies(request)
    issued = None if reader.voter else new_voter_token()
    voter = reader.voter or voter_from_token(issued)
    try:
        value = int(request.POST.get("value", ""))
        actions.cast_vote(comment, voter=voter, value=value)
    except (ValueError, DiscussionError) as error:
        messages.error(
            request,
            next(iter(error.errors.values()))
            if isinstance(error, DiscussionError)
            else "A vote is 1 (up), -1 (down) or 0 (none).",
        )
    response = redirect(_back(request, comment))
    if issued:
        set_voter_cookie(response, issued)
    return response


def _editable(request: HttpRequest, comment_id: int) -> Comment | None:
    comment = queries.access_comment(comment_id)
    reader = reader_from_cookies(request)
    if queries.can_edit(comment, user=reader.user, edit_tokens=reader.edit_tokens):
        return comment
    return None


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _editable(request, comment_id)
    if comment is None:
        return render(request, "discussions/edit_closed.html", status=403)
    form = CommentEditForm(
        request.POST or None, initial={"body": comment.body_markdown}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_comment(comment, body=form.cleaned_data["body"])
        except DiscussionError as error:
            form.add_error("body", next(iter(error.errors.values())))
        else:
            messages.success(request, "Your comment was updated.")
            return redirect(thread_page_url(comment))
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


@require_POST
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _editable(request, comment_id)
    if comment is None:
        return render(request, "discussions/edit_closed.html", status=403)
    target = thread_page_url(comment).split("#")[0] + "#comments"
    actions.delete_comment(comment)
    messages.success(request, "Your comment was deleted.")
    return redirect(target)
