"""
The newsroom's pages. Each is rendered once per change of what it shows and
shared by every reader (parley.core.pages); a reader's own parts are layered on.
"""

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from parley.core import pages, panels, versions
from parley.discussions import queries as discussions
from parley.discussions.forms import CommentForm, new_form_token
from parley.discussions.models import Thread
from parley.discussions.pages import (
    SCORES_REFRESHER,
    FeedbackView,
    discussion_context,
    reader_layer,
    unknown_reader,
)
from parley.discussions.readers import reader_from_cookies
from parley.discussions.views import posted_response, submit_comment

from . import passages, queries
from .models import Author, Tag

ARTICLES_PER_PAGE = 12
# The home page's first page opens with a lead story and the stories beside it.
HOME_BESIDE_LEAD = 2
# The query parameters each page reads.
LIST_PARAMS = ("page",)
# feedback: the Inline Feedbacks view ("all", or one passage's id).
ARTICLE_PARAMS = ("sort", "cursor", "reply", "feedback")


def _paged(request: HttpRequest, articles):
    return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


def _serve(request, probe, template_name, make_context, params) -> HttpResponse:
    """Answer with the shared page of this address, built by `make_context`
    when no process has it for the current versions. `make_context` returns the
    template context, the reader layer's facts, when the page expires by the
    clock, and its check (core.pages.render_shared), and may raise Http404.
    `params` are the query parameters the page reads; others make no new page."""

    def build(current: tuple) -> pages.SharedPage:
        context, facts, valid_until, check = make_context()
        valid_until = min(valid_until, _add_panels(request, context))
        return pages.render_shared(
            request,
            template_name,
            context,
            versions=current,
            valid_until=valid_until,
            anonymous_reader=unknown_reader(),
            facts=facts,
            check=check,
        )

    if not settings.PARLEY_SHARED_PAGES:  # each reader's page rendered for them
        context, facts, _valid_until, _check = make_context()
        _add_panels(request, context)
        reader, parts = reader_layer(request, facts)
        context.update(reader=reader, reader_parts=parts)
        response = render(request, template_name, context)
        response.headers["Cache-Control"] = pages.PRIVATE_CACHE_CONTROL
        return response
    page = pages.shared_page(request, probe, build, params)
    reader, parts = reader_layer(request, page.facts)
    return pages.shared_response(
        request, page, reader, parts, probe=probe, params=params
    )


def _add_panels(request, context: dict) -> float:
    """Put the outer apps' panels (core.panels) in the context; return until
    when they stay right."""
    context["panels"], valid_until = panels.draw_all(request)
    return valid_until


def _names() -> list[str]:
    """The version names every newsroom page depends on."""
    return [versions.ARTICLES, *panels.version_names()]


def _list_page(request, template_name, lister, arrange=None) -> HttpResponse:
    """Serve a list of articles; `lister` returns the articles and the page's
    other context, read after the versions (so never older than they are);
    `arrange`, given the page of articles, returns more context (the home
    page's lead story)."""

    def make_context():
        articles, context = lister()
        page = _paged(request, articles.select_related("thread"))
        # The cards show comment counts, which change with no article version:
        # the page holds while the counts it shows are the counts there are.
        threads = [article.thread for article in page if article.thread is not None]
        check = (
            versions.probe(rows=[(Thread, "comment_count", t.pk) for t in threads]),
            tuple(t.comment_count for t in threads),
            "",  # rebuilt when a count moves
        )
        # Sections are tags: their changes move versions.ARTICLES, like the list.
        context = {**context, "page": page, "sections": queries.sections()}
        if arrange is not None:
            context.update(arrange(page))
        return (
            context,
            {},
            queries.next_scheduled_publication(),
            check if threads else None,
        )

    probe = versions.probe(names=_names())
    return _serve(request, probe, template_name, make_context, LIST_PARAMS)


def home(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        "newsroom/home.html",
        lambda: (queries.published_articles(), {}),
        arrange=front_page,
    )


def front_page(page) -> dict:
    """Split a page of stories as the home page shows it: the first page opens
    with the lead story and the few beside it; every page lists the rest."""
    stories = list(page)
    if page.number != 1 or not stories:
        return {"lead": None, "beside": [], "latest": stories}
    tags = list(stories[0].tags.all())  # prefetched
    return {
        "lead": stories[0],
        # Its kicker: the lead's section, else its first tag.
        "lead_tag": next((t for t in tags if t.is_section), tags[0] if tags else None),
        "beside": stories[1 : 1 + HOME_BESIDE_LEAD],
        "latest": stories[1 + HOME_BESIDE_LEAD :],
    }


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    get_object_or_404(Tag, slug=slug)

    def lister():
        tag = get_object_or_404(Tag, slug=slug)
        return queries.published_articles().filter(tags=tag), {"tag": tag}

    return _list_page(request, "newsroom/tag.html", lister)


def author(request: HttpRequest, slug: str) -> HttpResponse:
    get_object_or_404(Author, slug=slug)

    def lister():
        author = get_object_or_404(Author, slug=slug)
        return queries.published_articles().filter(authors=author), {"author": author}

    return _list_page(request, "newsroom/author.html", lister)


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """The article page; it also takes the no-JavaScript comment form's posts."""
    if request.method == "POST":
        return _post_comment(request, slug)
    reply_id = _positive_int(request.GET.get("reply"))
    article = queries.article_for_page(slug)
    if article is None or not article.is_live:  # a preview, for staff alone
        article = queries.access_article(slug, user=request.user)
        return _render_for_one(request, article, CommentForm())
    # Sorted by time, a page is kept across votes (its scores are refreshed,
    # discussions.pages.refresh_scores); sorted by votes, a vote may reorder it.
    by_votes = request.GET.get("sort") == "votes"
    column = "version" if by_votes else "content_version"
    probe = versions.probe(
        names=_names(),
        rows=[(Thread, column, article.thread_id)] if article.thread_id else [],
    )

    def make_context():
        # Read again after the versions: what was read above may be older.
        fresh = queries.access_article(slug)
        thread = fresh.thread  # its version read before the comments it counts
        form = CommentForm(initial={"form_token": new_form_token(shared=True)})
        context, facts = _article_context(request, fresh, form, reply_id)
        closes_at = thread.closes_at if thread is not None else None
        valid_until = min(
            queries.next_scheduled_publication(),
            closes_at.timestamp() if closes_at else math.inf,
        )
        check = (
            None
            if thread is None or by_votes
            else (
                versions.probe(rows=[(Thread, "version", thread.pk)]),
                (thread.version,),
                SCORES_REFRESHER,
            )
        )
        return context, facts, valid_until, check

    return _serve(request, probe, "newsroom/article.html", make_context, ARTICLE_PARAMS)


def _article_context(request, article, form, reply_id) -> tuple[dict, dict]:
    thread = article.thread
    # Only a comment readers see can be replied to (and named as the one).
    reply_to = (
        thread.comments.visible().filter(pk=reply_id, status="published").first()
        if thread and reply_id
        else None
    )
    marked = _marked(article)
    feedback = _feedback_view(request.GET.get("feedback"), marked)
    if not form.is_bound:
        form.initial["parent"] = reply_to.pk if reply_to else None
        if feedback is not None and feedback.quote is not None and not reply_to:
            form.initial.update(form.quote_initial(feedback.quote))
    discussion, facts = discussion_context(
        request, thread, form, pages.page_path(request, ARTICLE_PARAMS), feedback
    )
    context = {
        "article": article,
        "marked": marked,
        "stale_quotes": marked.stale,
        "related": queries.related_articles(article),
        "latest": queries.latest_stories(exclude=article),
        "sections": queries.sections(),
        "form": form,
        "reply_to": reply_to,
        **discussion,
    }
    return context, facts


def _marked(article):
    return passages.article_feedback(
        article.body,
        discussions.anchored_comments(article.thread),
        list(article.feedback_prompts.all()),
    )


def _feedback_view(value: str | None, marked) -> FeedbackView | None:
    """The Inline Feedbacks view the query asks for: "all", or one passage by
    its id (a passage no longer there shows them all)."""
    if not value:
        return None
    passage = marked.passage(value)
    if passage is None:
        return FeedbackView("all")
    return FeedbackView(passage.id, tuple(passage.comment_ids), passage.quote)


def _render_for_one(request, article, form, status: int = 200) -> HttpResponse:
    """Render the article page for this reader alone (a preview, or the form
    sent back with its errors): never shared, never kept."""
    reply_id = _positive_int(
        form["parent"].value() if form.is_bound else request.GET.get("reply")
    )
    context, facts = _article_context(request, article, form, reply_id)
    _add_panels(request, context)
    reader, parts = reader_layer(request, facts)
    context.update(reader=reader, reader_parts=parts)
    response = render(request, "newsroom/article.html", context, status=status)
    response.headers["Cache-Control"] = pages.PRIVATE_CACHE_CONTROL
    return response


def _post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    article = queries.access_article(slug, user=request.user)
    thread = article.thread
    form = CommentForm(request.POST)
    reader = reader_from_cookies(request)
    issued = reader.ensure_identity()
    comment = submit_comment(request, thread, form, reader) if thread else None
    if comment is not None:
        # Back to the page of the thread that shows it, in the sort and view
        # the reader was reading.
        value = request.GET.get("feedback")
        feedback = _feedback_view(value, _marked(article)) if value else None
        return posted_response(
            request,
            comment,
            form,
            path=article.get_absolute_url(),
            feedback=feedback,
            issued=issued,
        )
    if thread is None:
        form.add_error(None, gettext("Comments are not open on this article."))
    elif "parent" in form.errors:
        # The comment replied to is gone (or never was): keep what they wrote,
        # say so, and let the next try post it on its own.
        (sentence,) = form.errors["parent"][:1]
        data = request.POST.copy()
        data.pop("parent", None)
        form = CommentForm(data)
        form.add_error(
            None,
            gettext("%(reason)s Post again to add yours as a new comment.")
            % {"reason": sentence},
        )
    return _render_for_one(request, article, form, status=400)
