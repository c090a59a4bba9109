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

    .venv/bin/python benchmarks/run.py [--seconds 10] [--connections 32]
        [--database-url postgres://...] [--redis-url redis://...] [--write docs/benchmarks.md]
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import report  # noqa: E402
from chart import write_chart  # noqa: E402
from loaders import load_isso, load_parley  # noqa: E402
from workload import articles, generate  # noqa: E402

ISSO_VENV = HERE / ".isso-venv"
ISSO_REQUIREMENTS = ["isso==0.14.0", "gunicorn>=23,<28"]
WORKERS = 2
THREADS = 2
RESULTS = HERE / "results"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(
    url: str, process: subprocess.Popen, log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server not ready at {url}:\n{log.read_text()[-3000:]}")


def start(
    command: list[str], env: dict, log: Path, cwd: Path = ROOT
) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_peak_rss_mb(main_pid: int) -> list[float]:
    """Peak resident memory (VmHWM) of each child process of a server, in MB."""
    peaks = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent != main_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError):
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return sorted(peaks)


# ----- wrk -----

LUA_POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = {body}
"""

# Each post carries its own solved challenge (a solution is accepted once), so the
# two wrk threads take turns through the list: thread 0 the odd entries, 1 the even.
LUA_POST_SOLVED = """
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
local bodies = {{{bodies}}}
local i = 0
request = function()
  i = i + 1
  local n = (id or 0) + 2 * i
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json"}},
    bodies[(n % #bodies) + 1])
end
"""

LUA_VOTE = """
local ids = {{{ids}}}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
{extra_headers}
wrk.body = {body}
request = function()
  return wrk.format(nil, {prefix} .. ids[math.random(#ids)] .. {suffix})
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def _to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    url: str, seconds: int, connections: int, script: Path | None = None
) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        pct: _to_ms(value, unit)
        for pct, value, unit in re.findall(
            r"\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\b", output
        )
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to report, not to follow


def fetch_ok(url: str) -> tuple[bytes, list[str]]:
    """GET a URL as an anonymous reader (no cookies); return the body and the
    names of any cookies set. Stop the run on anything but 200."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            body, status = response.read(), response.status
            cookies = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        body, status, cookies = error.read(), error.code, []
    if status != 200:
        raise SystemExit(f"GET {url} answered {status}:\n{body[:2000]!r}")
    return body, sorted({c.split("=", 1)[0] for c in cookies})


def response_bytes(method: str, url: str, body: str | None = None) -> int:
    request = urllib.request.Request(
        url,
        data=body.encode() if body else None,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return len(response.read())


# ----- the two systems -----


def ensure_isso_venv() -> Path:
    python = ISSO_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *ISSO_REQUIREMENTS], check=True
    )
    return python


def start_isso(work: Path, threads) -> tuple[subprocess.Popen, str, dict]:
    python = ensure_isso_venv()
    port = free_port()
    db_path = work / "isso.db"
    config = work / "isso.cfg"
    config.write_text(
        f"""[general]
dbpath = {db_path}
host = http://127.0.0.1:{port}/
max-age = 15m
notify = stdout
[moderation]
enabled = false
[guard]
enabled = true
ratelimit = 1000000
direct-reply = 1000000
reply-to-self = true
require-author = false
require-email = false
"""
    )
    env = {"ISSO_SETTINGS": str(config)}
    # Let Isso create its tables, then load the workload into them.
    subprocess.run(
        [str(python), "-c", "import isso.run"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    ids = load_isso(threads, str(db_path))
    log = work / "isso.log"
    process = start(
        [
            str(ISSO_VENV / "bin" / "gunicorn"),
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "isso.run:application",
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/?uri=/bench-1", process, log)
    return process, base, ids


def start_parley(
    work: Path, threads, database_url: str | None, redis_url: str | None, blocking: int
):
    port = free_port()
    var = work / "parley-var"
    static = work / "static-limit"
    static.mkdir()
    env = {
        "DJANGO_SETTINGS_MODULE": "parley.config.settings.base",
        "PARLEY_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url or f"sqlite:///{var / 'bench.sqlite3'}",
        # Every intake check runs, as in production. Like Isso's rate limit, the
        # limits are raised: all of wrk's readers share one address. The
        # proof-of-work search space is small so that this script can solve
        # thousands of challenges beforehand (the reader's browser's work, not
        # the server's: verifying costs one hash whatever the size).
        "PARLEY_CHALLENGE_MAXNUMBER": "1000",
        "PARLEY_CHALLENGE_MAXNUMBER_CEILING": "1000",
        **{
            f"PARLEY_RATE_LIMIT_{action}": ""
            for action in ("COMMENT", "THREAD", "VOTE", "NEW_VOTER", "CHALLENGE")
        },
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    if redis_url:  # nothing cached by an earlier run may answer for this one
        from django.core.cache import caches

        for cache in caches.all():
            cache.clear()
    site = load_parley(threads, articles())
    from django.db import connections

    connections.close_all()
    log = work / "parley.log"
    process = start(
        [
            str(Path(sys.executable).with_name("granian")),
            "--interface",
            "wsgi",
            "--workers",
            str(WORKERS),
            "--blocking-threads",
            str(blocking),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "--log-level",
            "warning",
            "--static-path-route",
            "/bench-static",
            "--static-path-mount",
            str(static),
            "parley.config.wsgi:application",
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/api/v1/counts?thread={site.keys['bench-1']}", process, log)
    return process, base, site, static


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
        work, threads, args.database_url, args.redis_url, args.threads
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
