"""
Panels: parts of the newsroom's pages that an outer app draws.

The newsroom shows them without knowing who draws them (an outer app, such as
support's goal bar, registers a panel in its AppConfig.ready()). A panel is
drawn into the shared page (parley.core.pages), the same for every reader, so
it names the versions (parley.core.versions) it depends on: the page is kept
under those, and is drawn again when one moves or when the panel's own clock
says (a campaign that starts or ends at a given time).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

# Where a panel may go: above an article, and above the home page's list.
ARTICLE_TOP = "article_top"
HOME_TOP = "home_top"
SLOTS = (ARTICLE_TOP, HOME_TOP)


@dataclass(frozen=True)
class Drawn:
    """A panel as drawn now: its HTML (escaped by its own template), and the
    time (a Unix timestamp) until which it stays right, if nothing it names moves."""

    html: str = ""
    valid_until: float = math.inf


@dataclass(frozen=True)
class Panel:
    name: str
    slots: tuple[str, ...]
    versions: tuple[str, ...]  # the version names it depends on
    draw: Callable[[HttpRequest, str], Drawn]  # (request, slot) -> Drawn


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    """Add (or replace, by name) a panel. Call from an AppConfig.ready()."""
    unknown = set(panel.slots) - set(SLOTS)
    if unknown:
        raise ValueError(f"panel {panel.name}: no such slot {sorted(unknown)}")
    _panels[panel.name] = panel


def unregister(name: str) -> None:
    _panels.pop(name, None)


def version_names() -> list[str]:
    """Return the version names every registered panel depends on."""
    return sorted({name for panel in _panels.values() for name in panel.versions})


def draw_all(request: HttpRequest) -> tuple[dict[str, SafeString], float]:
    """Return each slot's panels drawn (slot -> HTML) and the earliest time any
    of them stops being right."""
    html: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    valid_until = math.inf
    for panel in _panels.values():
        for slot in panel.slots:
            drawn = panel.draw(request, slot)
            html[slot].append(drawn.html)
            valid_until = min(valid_until, drawn.valid_until)
    # Each panel's HTML comes from its own template, which escapes what it shows.
    return {slot: mark_safe("".join(parts)) for slot, parts in html.items()}, (  # noqa: S308
        valid_until
    )
