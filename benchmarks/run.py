"""
Parley and Isso side by side, in one run, on this machine's loopback only.

It installs Isso from PyPI into its own virtualenv (benchmarks/.isso-venv), loads
the same workload (workload.py) into both, starts each with the same number of
worker processes (Parley: granian; Isso: gunicorn, its documented server, with
its rate limit raised), and drives the same scenarios against both with wrk for a
bounded time each. Parley's own pages (the article page with the 1,000-comment
thread, the home page, a tag page) are measured too; Isso has none. It also
serves the article page's bytes as a static file through the same HTTP server,
the physical limit of this machine for that response.

With --write it rewrites this mode's section of the Markdown file, keeps the
mode's results as JSON (benchmarks/results/) and redraws the chart beside the
Markdown file (benchmarks-chart.svg) from every mode's last results.

Its parts: workload.py and loaders.py (the data), servers.py (the two systems),
wrk.py (the load), report.py (the Markdown and JSON), chart.py (the SVG).

    .venv/bin/python benchmarks/run.py [--seconds 10] [--connections 32]
        [--database-url postgres://...] [--redis-url redis://...] [--write docs/benchmarks.md]
"""

import argparse
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import report  # noqa: E402
from chart import write_chart  # noqa: E402
from servers import WORKERS, start_isso, start_parley, stop, worker_peak_rss_mb  # noqa: E402
from voter import Voter  # noqa: E402
from workload import generate  # noqa: E402
from wrk import (  # noqa: E402
    LUA_POST,
    LUA_POST_SOLVED,
    LUA_VOTE,
    fetch_ok,
    lua_string,
    response_bytes,
    run_wrk,
)

THREADS = 2
RESULTS = HERE / "results"


def scenarios(site):
    """(name, parley request, isso request); a request is (method, path, body).
    Parley's thread keys are its own (an article's thread is keyed by the
    article); Isso's are the workload's."""
    big = site.keys["bench-0"]
    ten = [f"bench-{n}" for n in range(1, 11)]
    post_parley = json.dumps(
        {"body": "A benchmark comment, *rendered* and checked.", "name": "Bench"}
    )
    post_isso = json.dumps(
        {
            "text": "A benchmark comment, *rendered* and checked.",
            "author": "Bench",
            "title": "Benchmark article bench-0",
        }
    )
    return [
        # Pages first, before any write changes what they show.
        (report.ARTICLE_PAGE, ("GET", site.article, None), None),
        (report.HOME_PAGE, ("GET", "/", None), None),
        (report.TAG_PAGE, ("GET", site.tag, None), None),
        # A viral article is voted on while it is read: every vote is a new
        # version of its page, which the next read renders once.
        (
            report.ARTICLE_WHILE_VOTED,
            ("GETVOTED", site.article, VOTES_WHILE_READ),
            None,
        ),
        (
            report.FIRST_PAGE,
            ("GET", f"/api/v1/threads/{big}/comments?sort=newest&limit=20", None),
            ("GET", "/?uri=/bench-0&limit=20&sort=newest", None),
        ),
        (
            "read first page, most voted",
            ("GET", f"/api/v1/threads/{big}/comments?sort=votes&limit=20", None),
            ("GET", "/?uri=/bench-0&limit=20&sort=upvotes", None),
        ),
        (
            "read whole thread, newest",
            ("GET", f"/api/v1/threads/{big}/comments?sort=newest&limit=1000", None),
            ("GET", "/?uri=/bench-0&sort=newest", None),
        ),
        (
            "read whole thread, most voted",
            ("GET", f"/api/v1/threads/{big}/comments?sort=votes&limit=1000", None),
            ("GET", "/?uri=/bench-0&sort=upvotes", None),
        ),
        (
            "counts for 10 threads",
            (
                "GET",
                "/api/v1/counts?" + "&".join(f"thread={site.keys[k]}" for k in ten),
                None,
            ),
            ("POST", "/count", json.dumps([f"/{k}" for k in ten])),
        ),
        (
            report.POST,
            ("POSTSOLVED", f"/api/v1/threads/{big}/comments", post_parley),
            ("POST", "/new?uri=/bench-0", post_isso),
        ),
        # Isso tells voters apart by IP address, and wrk is one IP: after a first
        # like per comment its likes are no-ops. The comparable Parley load is one
        # reader (one voter token) voting across the same comments.
        (
            "vote, one reader across 1,000 comments",
            ("VOTE1", ("/api/v1/comments/", "/vote"), json.dumps({"value": 1})),
            ("VOTE", ("/id/", "/like"), ""),
        ),
        (
            report.NEW_VOTER,
            ("VOTE", ("/api/v1/comments/", "/vote"), json.dumps({"value": 1})),
            None,
        ),
    ]


VOTES_WHILE_READ = 50


SIGNALS = {"elapsed_ms": 24_000, "keys": 90, "pointer": 6, "focus": 2}


def solved_posts(body: str, count: int) -> list[str]:
    """Return `count` comment payloads, each with its own solved challenge and
    text, as readers' browsers would send them (the solving is not timed)."""
    import base64

    import altcha

    from parley.protection.challenge import issue_challenge

    template = json.loads(body)
    payloads = []
    for n in range(count):
        issued = issue_challenge("")
        solution = altcha.solve_challenge_v1(
            issued["challenge"],
            issued["salt"],
            issued["algorithm"],
            issued["maxnumber"],
        )
        proof = {
            key: issued[key] for key in ("algorithm", "challenge", "salt", "signature")
        }
        proof.update(number=solution.number, took=800)
        payloads.append(
            json.dumps(
                {
                    **template,
                    "body": f"{template['body']} ({n})",
                    "altcha": base64.b64encode(json.dumps(proof).encode()).decode(),
                    "signals": SIGNALS,
                }
            )
        )
    return payloads


def drive(
    base: str, request, ids, work: Path, name: str, seconds: int, connections: int
):
    method, path, body = request
    script, cookies = None, []
    if method == "GETVOTED":
        url = f"{base}{path}"
        page, cookies = fetch_ok(url)
        fetch_ok(url)
        with Voter(base, ids["bench-0"], per_second=body) as voter:
            result = run_wrk(url, seconds, connections, None)
        result["bytes"] = len(page)
        result["votes"] = voter.sent
        return result
    if method in ("VOTE", "VOTE1"):
        prefix, suffix = path
        extra_headers = ""
        if method == "VOTE1":  # one reader: get a voter token first
            request = urllib.request.Request(
                f"{base}{prefix}{ids['bench-0'][0]}{suffix}",
                data=body.encode(),
                method="POST",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                token = json.loads(response.read())["voter_token"]
            extra_headers = f'wrk.headers["X-Parley-Voter"] = {lua_string(token)}'
        script = work / f"{name}.lua"
        script.write_text(
            LUA_VOTE.format(
                ids=",".join(map(str, ids["bench-0"])),
                body=lua_string(body),
                prefix=lua_string(prefix),
                suffix=lua_string(suffix),
                extra_headers=extra_headers,
            )
        )
        size = response_bytes(
            "POST", f"{base}{prefix}{ids['bench-0'][0]}{suffix}", body or ""
        )
        url = f"{base}/"
    elif method == "POSTSOLVED":
        solved = solved_posts(body, 6001)
        script = work / f"{name}.lua"
        script.write_text(
            LUA_POST_SOLVED.format(bodies=",".join(map(lua_string, solved[1:])))
        )
        size = response_bytes("POST", f"{base}{path}", solved[0])
        url = f"{base}{path}"
    elif method == "POST":
        script = work / f"{name}.lua"
        script.write_text(LUA_POST.format(body=lua_string(body)))
        size = response_bytes("POST", f"{base}{path}", body)
        url = f"{base}{path}"
    else:
        url = f"{base}{path}"
        page, cookies = fetch_ok(url)
        size = len(page)
    # The request that measured the size warmed caches and connections; one more,
    # one after another: a burst would leave a slow server a backlog that eats
    # into the measured window.
    if method == "GET":
        fetch_ok(url)
    result = run_wrk(url, seconds, connections, script)
    result["bytes"] = size
    if method == "GET" and cookies:
        result["cookies"] = cookies
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--database-url", help="run Parley on this PostgreSQL database (it is flushed)"
    )
    parser.add_argument("--redis-url", help="Parley's cache (it is cleared)")
    parser.add_argument(
        "--threads", type=int, default=THREADS, help="granian threads a worker"
    )
    parser.add_argument(
        "--only", default="", help="run only scenarios whose name has this"
    )
    parser.add_argument(
        "--interface",
        choices=["asgi", "wsgi"],
        default="asgi",
        help="serve Parley as make serve-prod does (asgi: event streams on the "
        "loop, the rest through the WSGI bridge) or through granian's WSGI interface alone",
    )
    parser.add_argument(
        "--write",
        help="rewrite the side-by-side section of this Markdown file, keep the "
        "results as JSON and redraw the chart beside the file",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help=f"where --write keeps each mode's results (default: {RESULTS})",
    )
    parser.add_argument(
        "--scorers",
        default="",
        help="PARLEY_TOXICITY_SCORERS for Parley (default: the settings' own)",
    )
    args = parser.parse_args()
    if args.scorers:
        os.environ["PARLEY_TOXICITY_SCORERS"] = args.scorers
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    threads = generate()
    work = Path(tempfile.mkdtemp(prefix="parley-bench-"))
    isso, isso_base, isso_ids = start_isso(work, threads)
    parley, parley_base, site, static = start_parley(
        work, threads, args.database_url, args.redis_url, args.threads, args.interface
    )
    results, static_results = [], {}
    try:
        # The physical limit: the article page's bytes as a static file served by
        # the same server (and the API's first page, as measured before pages
        # were), fetched now, before the write scenarios change them.
        big = site.keys["bench-0"]
        files = {
            report.STATIC_ARTICLE: (
                "article.html",
                fetch_ok(parley_base + site.article),
            ),
            report.STATIC_FIRST_PAGE: (
                "first-page.json",
                fetch_ok(
                    f"{parley_base}/api/v1/threads/{big}/comments?sort=newest&limit=20"
                ),
            ),
        }
        for file_name, (content, _cookies) in files.values():
            (static / file_name).write_bytes(content)
        for name, parley_request, isso_request in scenarios(site):
            if args.only not in name:
                continue
            slug = re.sub(r"\W+", "-", name)
            print(f"{name} ...", flush=True)
            p = drive(
                parley_base,
                parley_request,
                site.ids,
                work,
                f"parley-{slug}",
                args.seconds,
                args.connections,
            )
            i = (
                drive(
                    isso_base,
                    isso_request,
                    isso_ids,
                    work,
                    f"isso-{slug}",
                    args.seconds,
                    args.connections,
                )
                if isso_request
                else None
            )
            results.append((name, p, i))
        for name, (file_name, (content, _cookies)) in files.items():
            print(f"{name} ...", flush=True)
            url = f"{parley_base}/bench-static/{file_name}"
            fetch_ok(url)
            static_results[name] = {
                **run_wrk(url, args.seconds, args.connections),
                "bytes": len(content),
            }
        memory = {
            "Parley": worker_peak_rss_mb(parley.pid),
            "Isso": worker_peak_rss_mb(isso.pid),
        }
    finally:
        stop(parley)
        stop(isso)

    mode = "PostgreSQL + Redis" if args.database_url else "SQLite (embedded)"
    run = describe_run(args, mode, results, static_results, memory)
    text = report.render(run)
    print(text)
    if args.write:
        markdown = Path(args.write)
        report.update_markdown(markdown, text, mode)
        saved = report.save_results(run, args.results)
        chart = write_chart(
            report.load_results(args.results),
            markdown.with_name("benchmarks-chart.svg"),
        )
        print(f"wrote {markdown}, {saved} and {chart}")


def describe_run(args, mode: str, results, static_results, memory) -> dict:
    """Return one mode's run as the JSON the report and the chart are made from."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    cookies = {name: p.pop("cookies") for name, p, _i in results if p.get("cookies")}
    return {
        "mode": mode,
        "measured_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
        "machine": f"{os.cpu_count()} cores ({cpu})",
        "workers": WORKERS,
        "interface": args.interface,
        "threads": args.threads,
        "seconds": args.seconds,
        "connections": args.connections,
        "scorers": args.scorers,
        "command": "make bench"
        if not args.database_url
        else "make bench (PostgreSQL + Redis run)",
        "scenarios": [{"name": name, "parley": p, "isso": i} for name, p, i in results],
        "static": static_results,
        "cookies": cookies,
        "memory": memory,
    }


if __name__ == "__main__":
    main()
