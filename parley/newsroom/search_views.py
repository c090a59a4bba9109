"""The search page: one reader's query, so rendered for them and never shared
(parley.core.pages): each query is a page of its own."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .search import search_articles

# Results follow what is published: a browser may keep a page for a minute
# (back and forth between results and articles costs nothing), no shared cache
# keeps it (the masthead shows who is signed in).
SEARCH_CACHE_CONTROL = "private, max-age=60"


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    results = search_articles(request.GET.get("q", ""), request.GET.get("page"))
    response = render(request, "newsroom/search.html", {"results": results})
    response.headers["Cache-Control"] = SEARCH_CACHE_CONTROL
    # Result pages are the reader's own words: not for search engines' lists.
    response.headers["X-Robots-Tag"] = "noindex"
    return response
