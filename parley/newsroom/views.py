from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from parley.discussions.forms import CommentForm
from parley.discussions.pages import discussion_context
from parley.discussions.readers import reader_from_cookies
from parley.discussions.tokens import set_edit_cookie, set_voter_cookie
from parley.discussions.views import posted_message, submit_comment

from . import queries
from .models import Author, Tag

ARTICLES_PER_PAGE = 10


def _paged(request: HttpRequest, articles):
    return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


def home(request: HttpRequest) -> HttpResponse:
    page = _paged(request, queries.published_articles().select_related("thread"))
    return render(request, "newsroom/home.html", {"page": page})


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = _paged(request, queries.published_articles().filter(tags=tag))
    return render(request, "newsroom/tag.html", {"tag": tag, "page": page})


def author(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=slug)
    page = _paged(request, queries.published_articles().filter(authors=author))
    return render(request, "newsroom/author.html", {"author": author, "page": page})


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """The article page; it also takes the no-JavaScript comment form's posts."""
    article = queries.access_article(slug, user=request.user)
    thread = article.thread
    reply_id = _positive_int(request.POST.get("parent") or request.GET.get("reply"))
    form = CommentForm(
        request.POST if request.method == "POST" else None, initial={"parent": reply_id}
    )
    if request.method == "POST":
        reader = reader_from_cookies(request)
        issued = reader.ensure_identity()
        comment = submit_comment(request, thread, form, reader) if thread else None
        if comment is not None:
            posted_message(request, comment)
            response = redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
            set_edit_cookie(response, comment.pk)
            if issued:
                set_voter_cookie(response, issued)
            return response
        if thread is None:
            form.add_error(None, "Comments are not open on this article.")
    # Only a comment readers see can be replied to (and named as the one).
    reply_to = (
        thread.comments.visible().filter(pk=reply_id, status="published").first()
        if thread and reply_id
        else None
    )
    context = {
        "article": article,
        "related": queries.related_articles(article),
        "latest": queries.latest_stories(exclude=article),
        "form": form,
        "reply_to": reply_to,
        **discussion_context(request, thread),
    }
    status = 400 if form.errors else 200
    return render(request, "newsroom/article.html", context, status=status)
