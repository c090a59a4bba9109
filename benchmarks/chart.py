"""
The comparison at a glance: an SVG of requests per second per scenario, drawn
from every mode's last results (benchmarks/results/*.json) by run.py --write.

One group of horizontal bars per scenario (Parley on SQLite, Parley on
PostgreSQL + Redis, Isso) on a log scale, since Isso's whole-thread reads and the
static-file limit lie four decades apart; each mode's static-file limit (the
article page as a file) is a dashed line, half of it (the pages' target) dotted.
Hand-built so that the benchmarks need nothing beyond the standard library.
"""

import math
import textwrap
from html import escape
from pathlib import Path

from report import STATIC_ARTICLE, mode_slug

WIDTH, LABEL_X, X0, X1 = 1000, 282, 296, 900
BAR, STEP, GROUP_GAP, TOP = 13, 15, 16, 118
COLOURS = {"sqlite": "#2b6cb0", "postgresql-redis": "#805ad5", "isso": "#dd6b20"}
OTHER, INK, GREY = "#2f855a", "#1a202c", "#4a5568"
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"


def _series(runs: list[dict]) -> list[tuple[str, str, dict]]:
    """Return (label, colour, {scenario: result}) per bar of a group."""
    series = [
        (
            f"Parley, {run['mode']}",
            COLOURS.get(mode_slug(run["mode"]), OTHER),
            {s["name"]: s["parley"] for s in run["scenarios"]},
        )
        for run in runs
    ]
    isso: dict[str, dict | None] = {}
    for run in runs:  # Isso is measured in every run: the first run's figure
        for s in run["scenarios"]:  # that completed any request
            if not (isso.get(s["name"]) or {}).get("rps"):
                isso[s["name"]] = s["isso"] or isso.get(s["name"])
    if runs:
        series.append(("Isso 0.14.0 on SQLite", COLOURS["isso"], isso))
    return series


def _steps(low: float, high: float):
    """Yield 1, 2, 5 times each power of ten from below low to above high."""
    decade = 10 ** math.floor(math.log10(low))
    while decade <= high * 10:
        for step in (1, 2, 5):
            yield decade * step
        decade *= 10


def _scale(values: list[float]):
    """Return the axis ends (on 1-2-5 steps around the values) and x(value)."""
    low = max(
        v for v in _steps(min(values) / 10, min(values)) if v <= min(values) / 1.5
    )
    high = min(v for v in _steps(min(values), max(values)) if v >= max(values) * 1.1)
    span = math.log10(high / low)
    return low, high, lambda v: X0 + math.log10(v / low) / span * (X1 - X0)


def _text(x, y, content, size=12, anchor="start", weight="normal", fill=INK):
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' "
        f"font-weight='{weight}' fill='{fill}' stroke='#fff' stroke-width='3' "
        f"paint-order='stroke'>{escape(str(content))}</text>"
    )


def _line(x1, y1, x2, y2, colour, width=1.0, dash=""):
    dashes = f" stroke-dasharray='{dash}'" if dash else ""
    return (
        f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' "
        f"stroke='{colour}' stroke-width='{width}'{dashes}/>"
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def render_svg(runs: list[dict]) -> str:
    """Return the chart of these runs (SQLite first) as an SVG document."""
    series = _series(runs)
    names: list[str] = []
    for run in runs:
        names += [s["name"] for s in run["scenarios"] if s["name"] not in names]
    limits = [
        (run, run["static"][STATIC_ARTICLE]["rps"])
        for run in runs
        if STATIC_ARTICLE in run.get("static", {})
    ]
    values = [r["rps"] for _l, _c, data in series for r in data.values() if r]
    values = [v for v in values + [rps for _r, rps in limits] if v > 0] or [1, 10]
    low, high, x = _scale(values)
    group = len(series) * STEP - (STEP - BAR) + GROUP_GAP
    bottom = TOP + len(names) * group
    height = bottom + 56 + 14 * len(limits)
    title = "Parley and Isso: requests per second per scenario (log scale)"
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height}' "
        f"viewBox='0 0 {WIDTH} {height}' {FONT} role='img'>",
        f"<title>{title}</title>",
        f"<rect width='{WIDTH}' height='{height}' fill='#fff'/>",
        _text(16, 28, title + ", longer is better", size=17, weight="bold"),
    ]
    if runs:
        when = "; ".join(f"{r['mode']} run {r['measured_at']} UTC" for r in runs)
        first = runs[0]
        out += [
            _text(16, 48, f"{first['machine']}, loopback; {when}", fill=GREY),
            _text(
                16,
                65,
                f"wrk -c{first['connections']}, {first['seconds']} s a scenario, "
                f"{first['workers']} worker processes each; anonymous requests",
                fill=GREY,
            ),
        ]
    # The legend: a swatch per series, then the two kinds of limit line.
    lx = 16
    for label, colour, _data in series:
        out.append(f"<rect x='{lx}' y='78' width='12' height='12' fill='{colour}'/>")
        out.append(_text(lx + 17, 89, label))
        lx += 24 + 7 * len(label)
    out += [
        _line(lx, 84, lx + 22, 84, INK, 2, "6 3"),
        _text(lx + 27, 89, "static-file limit (the article page as a file)"),
        _line(16, 104, 38, 104, INK, 1.5, "1.5 3"),
        _text(43, 108, "half of it: the target of the pages and the API's first page"),
    ]
    # A grid on 1, 2 and 5 times each power of ten; the powers are labelled.
    for v in _steps(low, high):
        if low <= v <= high:
            decade = math.log10(v) == int(math.log10(v))
            out.append(
                _line(x(v), TOP - 6, x(v), bottom, "#a0aec0" if decade else "#e2e8f0")
            )
            # The axis ends are labelled too, unless a power of ten is close by.
            power = 10 ** round(math.log10(v))
            near = low <= power <= high and abs(x(v) - x(power)) < 60
            if decade or (v in (low, high) and not near):
                out.append(_text(x(v), bottom + 16, f"{v:,g}", 11, "middle", fill=GREY))
    out.append(
        _text(
            (X0 + X1) / 2, bottom + 33, "requests per second", 12, "middle", fill=GREY
        )
    )
    for n, name in enumerate(names):
        y = TOP + n * group
        if n:
            out.append(_line(16, y - GROUP_GAP / 2, X1, y - GROUP_GAP / 2, "#edf2f7"))
        lines = textwrap.wrap(name, 40)
        middle = y + (group - GROUP_GAP) / 2 + 4 - (len(lines) - 1) * 7
        out += [
            _text(LABEL_X, middle + 14 * k, line, anchor="end")
            for k, line in enumerate(lines)
        ]
        for k, (_label, colour, data) in enumerate(series):
            top, result = y + k * STEP, data.get(name)
            if not result or result["rps"] <= 0:
                mark = "n/a" if name in data else "not run"
                if result:
                    mark = "0: no request completed in the time"
                out.append(_text(X0 + 4, top + BAR - 2, mark, 11, fill=GREY))
                continue
            end = x(max(result["rps"], low))
            out.append(
                f"<rect x='{X0}' y='{top}' width='{end - X0:.1f}' height='{BAR}' "
                f"fill='{colour}'/>"
            )
            out.append(_text(end + 4, top + BAR - 2, _number(result["rps"]), 11))
    # Each mode's static-file limit over the bars, named under the axis.
    for k, (run, rps) in enumerate(limits):
        colour = COLOURS.get(mode_slug(run["mode"]), OTHER)
        out += [
            _line(x(rps), TOP - 6, x(rps), bottom, colour, 2, "6 3"),
            _line(x(rps / 2), TOP - 6, x(rps / 2), bottom, colour, 1.5, "1.5 3"),
            _text(
                X1,
                bottom + 50 + 14 * k,
                f"static-file limit, {run['mode']}: {_number(rps)} req/s "
                f"(half: {_number(rps / 2)})",
                11,
                "end",
                fill=colour,
            ),
        ]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_chart(runs: list[dict], path: Path) -> Path:
    path.write_text(render_svg(runs))
    return path
