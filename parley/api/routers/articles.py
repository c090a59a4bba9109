"""Published articles for apps: lists by tag or author, and one article to read."""

import hashlib
import json
from typing import Annotated

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router

from parley.api.caching import SHARED_CACHE_CONTROL
from parley.api.contract import INVALID, NOT_FOUND
from parley.api.schemas.articles import ArticleListOut, ArticleOut
from parley.core.caching import etag_matches
from parley.newsroom import queries
from parley.newsroom.models import Article

router = Router(tags=["articles"])
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 100_000
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Field(min_length=1, max_length=220, pattern=SLUG_PATTERN)]


@router.get(
    "/articles",
    response={200: ArticleListOut, 304: None, **INVALID, **NOT_FOUND},
    operation_id="articles_list",
    summary="Published articles, newest first, a page at a time",
    description=(
        "With `tag` and/or `author` (slugs), only theirs; 404 for a tag or an "
        "author that isn't there. A page past the last is empty. 304 when "
        "If-None-Match holds the answer's ETag."
    ),
)
def list_articles(
    request: HttpRequest,
    tag: Annotated[str, Field(max_length=80, pattern=SLUG_PATTERN)] = "",
    author: Annotated[str, Field(max_length=140, pattern=SLUG_PATTERN)] = "",
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE)] = DEFAULT_PER_PAGE,
):
    articles = queries.listed_articles(tag=tag, author=author)
    count = articles.count()
    start = (page - 1) * per_page
    shown = list(articles[start : start + per_page]) if start < count else []
    pages = max(1, -(-count // per_page))
    return _json(
        request,
        {
            "articles": [_summary(request, article) for article in shown],
            "count": count,
            "page": page,
            "pages": pages,
            "next_page": page + 1 if page < pages else None,
        },
    )


@router.get(
    "/articles/{slug}",
    response={200: ArticleOut, 304: None, **INVALID, **NOT_FOUND},
    operation_id="articles_get",
    summary="One published article, with its related articles and the latest",
    description="304 when If-None-Match holds the answer's ETag.",
)
def get_article(request: HttpRequest, slug: Slug = Path(...)):
    read = queries.read_article(slug)
    article = read.article
    thread = article.thread
    return _json(
        request,
        {
            **_summary(request, article),
            "paragraphs": article.paragraphs,
            "comments_open": bool(
                article.comments_open and thread is not None and thread.is_open
            ),
            "related": [_summary(request, item) for item in read.related],
            "latest": [_summary(request, item) for item in read.latest],
        },
    )


def _summary(request: HttpRequest, article: Article) -> dict:
    """Return what a list shows of an article: named fields, never the row."""
    thread = article.thread
    image = article.lead_image_src
    return {
        "slug": article.slug,
        "headline": article.headline,
        "summary": article.summary,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "published_at": article.published_at,
        "lead_image": {
            "src": request.build_absolute_uri(image),
            "caption": article.lead_image_caption,
            "credit": article.lead_image_credit,
        }
        if image
        else None,
        "authors": [
            {
                "name": author.name,
                "slug": author.slug,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "tags": [
            {
                "name": tag.name,
                "slug": tag.slug,
                "url": request.build_absolute_uri(tag.get_absolute_url()),
            }
            for tag in article.tags.all()
        ],
        "thread_key": thread.key if thread is not None else None,
        "comment_count": thread.comment_count if thread is not None else 0,
    }


def _json(request: HttpRequest, data: dict) -> HttpResponse:
    """Answer with the JSON, or 304 when the client already holds these bytes.
    The same for every reader, so a CDN may keep it a few seconds."""
    body = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2s(body, digest_size=12).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": SHARED_CACHE_CONTROL}
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(body, content_type="application/json", headers=headers)
