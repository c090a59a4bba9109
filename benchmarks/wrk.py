"""
The load and the client side: wrk runs and their Lua scripts, and single
requests to check an answer and measure its size before a run.
"""

import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

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
