"""
What run.py writes: one mode's results as JSON (the chart is drawn from these) and
as the Markdown section of docs/benchmarks.md, with a line per target of issue 8.
"""

import json
import re
from pathlib import Path

# The scenarios the targets speak of, by the names run.py gives them.
ARTICLE_PAGE = "article page, 1,000-comment thread (HTML)"
HOME_PAGE = "home page (HTML)"
TAG_PAGE = "tag page (HTML)"
ARTICLE_WHILE_VOTED = "article page while 50 votes/s arrive (HTML)"
FIRST_PAGE = "read first page, newest"
POST = "post a comment (Parley: every intake check)"
NEW_VOTER = "vote, a new reader every time (a write each; Isso: n/a)"
# The static-file limits, by the response whose bytes are served as the file.
STATIC_ARTICLE = "static file: the article page's bytes"
STATIC_FIRST_PAGE = "static file: the API first page's bytes"

MARK_START = "<!-- side-by-side:start -->"
MARK_END = "<!-- side-by-side:end -->"


def mode_slug(mode: str) -> str:
    """Return the file name stem of a mode's results: sqlite, postgresql-redis."""
    return re.sub(r"\W+", "-", mode.split(" (")[0].lower()).strip("-")


def save_results(run: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{mode_slug(run['mode'])}.json"
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n")
    return path


def load_results(directory: Path) -> list[dict]:
    """Return every mode's last results, SQLite first."""
    runs = [json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))]
    return sorted(runs, key=lambda run: mode_slug(run["mode"]) != "sqlite")


def _errors_note(result: dict) -> str:
    if not (result["non_2xx"] or result["socket_errors"]):
        return ""
    return f" ({result['non_2xx']} non-2xx, {result['socket_errors']} socket errors)"


def _row(name: str, p: dict, i: dict | None) -> str:
    parley = (
        f"| {name} | {p['rps']:,.0f}{_errors_note(p)} | {p['p50']:.1f} "
        f"| {p['p99']:.1f} | {p['bytes']:,} "
    )
    if i is None:
        return parley + "| n/a | | | | |"
    if not i["rps"]:  # nothing completed in the time: no latency either
        return parley + f"| 0{_errors_note(i)} | | | {i['bytes']:,} | |"
    return (
        parley + f"| {i['rps']:,.1f}{_errors_note(i)} | {i['p50']:.1f} "
        f"| {i['p99']:.1f} | {i['bytes']:,} | {p['rps'] / i['rps']:,.1f}× |"
    )


def _met(ok: bool) -> str:
    return "reached" if ok else "**not reached**"


def target_rows(run: dict) -> list[str]:
    """Return a table row per target of issue 8, reached or not, with the figure."""
    parley = {s["name"]: s["parley"] for s in run["scenarios"]}
    isso = {s["name"]: s["isso"] for s in run["scenarios"]}
    limit = run["static"].get(STATIC_ARTICLE)
    rows = []
    missing = "not measured in this run"
    at = f"at {run['connections']} connections" + (
        "" if run["connections"] == 32 else " (the target is stated at 32)"
    )
    for name, label, target in (
        (ARTICLE_PAGE, "article page", True),
        (HOME_PAGE, "home page", True),
        (FIRST_PAGE, "API first page (JSON, cached)", True),
        (TAG_PAGE, "tag page", False),
        (ARTICLE_WHILE_VOTED, "article page while voted on", False),
    ):
        result = parley.get(name)
        head = f"| {label} ≥ 50 % of the static-file limit" if target else f"| {label}"
        if result is None or limit is None:
            rows.append(f"{head} | {missing} |")
            continue
        share = result["rps"] / limit["rps"]
        verdict = _met(share >= 0.5) + ": " if target else "no target: "
        rows.append(
            f"{head} | {verdict}{share:.{0 if share >= 0.1 else 1}%} "
            f"({result['rps']:,.0f} of "
            f"{limit['rps']:,.0f} req/s) |"
        )
    for name, label in ((ARTICLE_PAGE, "article page"), (HOME_PAGE, "home page")):
        result = parley.get(name)
        head = f"| {label} p99 < 50 ms {at}"
        rows.append(
            f"{head} | {missing} |"
            if result is None
            else f"{head} | {_met(result['p99'] < 50)}: {result['p99']:.1f} ms |"
        )
    vote = parley.get(NEW_VOTER)
    rows.append(
        "| votes ≥ 1,000/s with a new reader per vote, p99 < 100 ms | "
        + (
            missing
            if vote is None
            else f"{_met(vote['rps'] >= 1000 and vote['p99'] < 100)}: "
            f"{vote['rps']:,.0f} req/s, p99 {vote['p99']:.1f} ms"
        )
        + " |"
    )
    post, isso_post = parley.get(POST), isso.get(POST)
    scorers = f" (scorers: `{run['scorers']}`)" if run.get("scorers") else ""
    rows.append(
        f"| posting ≥ 2× Isso with every intake check{scorers} | "
        + (
            missing
            if post is None or not isso_post
            else f"{_met(post['rps'] >= 2 * isso_post['rps'])}: "
            f"{post['rps'] / isso_post['rps']:.1f}× ({post['rps']:,.0f} vs "
            f"{isso_post['rps']:,.0f} req/s)"
        )
        + " |"
    )
    peak = max(run["memory"].get("Parley") or [0])
    rows.append(
        f"| memory per worker < 150 MB | {_met(0 < peak < 150)}: peak {peak:.0f} MB |"
    )
    return rows


def render(run: dict) -> str:
    """Return the Markdown section for one mode's run."""
    extra = (
        " --database-url … --redis-url …" if run["mode"].startswith("Postgre") else ""
    )
    lines = [
        f"### Parley on {run['mode']} vs Isso 0.14.0 on SQLite",
        "",
        f"Measured {run['measured_at']} UTC on {run['machine']}, loopback only; "
        f"{run['workers']} worker processes each (Parley: granian "
        f"{run.get('interface', 'wsgi').upper()}, "
        f"{run['threads']} threads a worker; Isso: gunicorn sync workers); "
        f"wrk -t2 -c{run['connections']} -d{run['seconds']}s per scenario after two "
        f"warm-up requests, anonymous (no cookies); command: `{run['command']}` "
        f"(`benchmarks/run.py --seconds {run['seconds']} --connections "
        f"{run['connections']}{extra}`).",
        "",
        "| scenario | Parley req/s | p50 ms | p99 ms | bytes | Isso req/s | p50 ms | p99 ms | bytes | Parley/Isso |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [_row(s["name"], s["parley"], s["isso"]) for s in run["scenarios"]]
    lines += [_row(name, result, None) for name, result in run["static"].items()]
    lines += [
        "",
        "The static-file limit is the article page's bytes (fetched once, anonymously) "
        "served as a file by the same granian server: the most this machine serves "
        "of that response without Python. The percentages below are of it; the API "
        "first page's bytes as a file are measured too, for comparison with earlier runs.",
        "",
        "| target (issue 8) | this run |",
        "| --- | --- |",
        *target_rows(run),
    ]
    if run.get("cookies"):
        lines += [
            "",
            "Anonymous responses that set cookies (a shared cache cannot store them): "
            + "; ".join(f"{k}: {', '.join(v)}" for k, v in run["cookies"].items())
            + ".",
        ]
    lines += [
        "",
        "Peak memory per worker process (VmHWM): "
        + "; ".join(
            f"{k}: " + ", ".join(f"{v:.0f} MB" for v in vals)
            for k, vals in run["memory"].items()
        )
        + ".",
    ]
    return "\n".join(lines)


def update_markdown(path: Path, report: str, mode: str) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start, end = MARK_START + f" {mode}", MARK_END + f" {mode}"
    block = f"{start}\n{report}\n{end}"
    if start in text:
        text = re.sub(
            re.escape(start) + r".*?" + re.escape(end),
            lambda _m: block,
            text,
            flags=re.S,
        )
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
