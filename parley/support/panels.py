"""The campaign's goal bar, drawn into the newsroom's shared pages (core.panels)."""

import math

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from parley.core import panels

from . import queries
from .actions import LEDGER


def goal_bar(request: HttpRequest, slot: str) -> panels.Drawn:
    """Draw the current campaign's bar; nothing when none runs."""
    now = timezone.now()
    change = queries.next_change(now)
    valid_until = change.timestamp() if change else math.inf
    campaign = queries.current_campaign(now)
    if campaign is None:
        return panels.Drawn("", valid_until)
    html = render_to_string(
        "support/_goal_bar.html",
        {"bar": queries.goal_bar(campaign), "slot": slot},
        request=request,
    )
    return panels.Drawn(html, valid_until)


def register() -> None:
    panels.register(
        panels.Panel(
            name="support.goal_bar",
            slots=(panels.ARTICLE_TOP, panels.HOME_TOP),
            versions=(LEDGER,),
            draw=goal_bar,
        )
    )
