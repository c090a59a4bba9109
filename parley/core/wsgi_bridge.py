"""
Serve a WSGI application (Django behind its fast path) from an ASGI server.

Each request costs one hop to a worker thread, which runs the application and
collects its whole answer, and one hop back to send it: pages are rendered or
found whole anyway, so nothing is gained by passing them on in pieces. A
request body is read on the event loop up to PRELOAD bytes (every form and API
write) and the rest, if any, from the thread as Django reads it; a streaming
answer (a file, a stream) is sent as it is produced.

General adapters (a2wsgi, asgiref's) hop between the loop and the thread for
every message; measured under granian, one of them served the article page at
a quarter of this bridge's rate, and a2wsgi fails outright on granian's
receive(), which is not a coroutine (docs/benchmarks.md).
"""

import asyncio
import io
import sys
from concurrent.futures import ThreadPoolExecutor

# Read before the hop to the thread; the rest of a larger body is fetched from
# the thread as it is read.
PRELOAD = 1024 * 1024


class WSGIBridge:
    """An ASGI application that runs `application` (WSGI) in `threads` threads."""

    def __init__(self, application, threads: int):
        self.application = application
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="wsgi")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # no WebSockets here
        loop = asyncio.get_running_loop()
        environ = environ_for(scope)
        if _has_body(scope["headers"]):
            environ["wsgi.input"] = await Body.start(loop, receive)
        answer = await loop.run_in_executor(
            self.executor, self._run, environ, loop, send
        )
        if answer is None:
            return  # streamed from the thread
        status, headers, body = answer
        await send(
            {"type": "http.response.start", "status": status, "headers": headers}
        )
        if scope["method"] == "HEAD":
            body = b""
        await send({"type": "http.response.body", "body": body})

    def _run(self, environ: dict, loop, send):
        answer: dict = {}
        written: list[bytes] = []

        def start_response(status, headers, exc_info=None):
            if exc_info is not None and answer:
                raise exc_info[1].with_traceback(exc_info[2])
            answer["status"], answer["headers"] = status, headers
            return written.append

        result = self.application(environ, start_response)
        try:
            if getattr(result, "streaming", False):
                self._stream(answer, written, result, environ, loop, send)
                return None
            body = b"".join([*written, *result])
        finally:
            if hasattr(result, "close"):
                result.close()
        return int(answer["status"][:3]), _headers(answer["headers"]), body

    @staticmethod
    def _stream(answer, written, result, environ, loop, send) -> None:
        async def sending(message):  # a coroutine: granian's send is not one
            await send(message)

        def call(message):
            asyncio.run_coroutine_threadsafe(sending(message), loop).result()

        call(
            {
                "type": "http.response.start",
                "status": int(answer["status"][:3]),
                "headers": _headers(answer["headers"]),
            }
        )
        if environ["REQUEST_METHOD"] != "HEAD":
            for chunk in [*written, *result]:
                if chunk:
                    call(
                        {"type": "http.response.body", "body": chunk, "more_body": True}
                    )
        call({"type": "http.response.body", "body": b""})


class Body(io.RawIOBase):
    """A request body for the thread: what was read on the loop, then the rest
    fetched from the loop as it is read."""

    def __init__(self, loop, receive, data: bytes, more: bool):
        self.loop, self.receive = loop, receive
        self.buffer = bytearray(data)
        self.more = more

    @classmethod
    async def start(cls, loop, receive) -> "Body":
        data, more = bytearray(), True
        while more and len(data) < PRELOAD:
            chunk, more = await _next_chunk(receive)
            data += chunk
        return cls(loop, receive, bytes(data), more)

    def readable(self) -> bool:
        return True

    def _fill(self, size: int) -> None:
        while self.more and (size < 0 or len(self.buffer) < size):
            chunk, self.more = asyncio.run_coroutine_threadsafe(
                _next_chunk(self.receive), self.loop
            ).result()
            self.buffer += chunk

    def read(self, size: int = -1) -> bytes:
        self._fill(size)
        if size < 0:
            size = len(self.buffer)
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def readline(self, size: int = -1) -> bytes:
        while b"\n" not in self.buffer and self.more:
            self._fill(len(self.buffer) + 64 * 1024)
        end = self.buffer.find(b"\n") + 1 or len(self.buffer)
        if size >= 0:
            end = min(end, size)
        return self.read(end)


async def _next_chunk(receive) -> tuple[bytes, bool]:
    message = await receive()
    if message["type"] != "http.request":  # the client left: the body ends
        return b"", False
    return message.get("body", b""), message.get("more_body", False)


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _headers(headers) -> list:
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in headers
    ]


def _has_body(headers) -> bool:
    for name, value in headers:
        if name == b"transfer-encoding" or (
            name == b"content-length" and value.strip() not in (b"", b"0")
        ):
            return True
    return False


def environ_for(scope) -> dict:
    """Return the WSGI environ of an ASGI HTTP request, with an empty body
    (PEP 3333: the path as latin-1 text of its UTF-8 bytes)."""
    root = scope.get("root_path", "")
    path = scope["path"]
    if root and path.startswith(root):
        path = path[len(root) :]
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": root.encode("utf-8").decode("latin-1"),
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]) if server[1] is not None else "80",
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]),
        "REMOTE_PORT": str(client[1]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        key = name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"
        if key in environ and key.startswith("HTTP_"):
            joiner = "; " if key == "HTTP_COOKIE" else ","
            environ[key] = f"{environ[key]}{joiner}{value}"
        else:
            environ[key] = value
    return environ
