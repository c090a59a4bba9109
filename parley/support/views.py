"""The Support page: the campaign running now, the donors who asked to be
named, and the ways to give."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import queries


@require_safe
def support(request: HttpRequest) -> HttpResponse:
    campaign = queries.current_campaign()
    context = {
        "campaign": campaign,
        "bar": queries.goal_bar(campaign) if campaign else None,
        "slot": "page",
        "supporters": queries.recent_public_donations(),
    }
    return render(request, "support/support.html", context)


support.allowed_methods = ("GET", "HEAD")  # for core's PageMethodsMiddleware
