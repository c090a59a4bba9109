from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def embed_help(request: HttpRequest) -> HttpResponse:
    """Show editors the one script tag that puts a discussion on any page."""
    script_url = request.build_absolute_uri("/static/parley/embed.js")
    return render(request, "embed/help.html", {"script_url": script_url})
