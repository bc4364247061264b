"""An OpenAI-compatible provider over real HTTP, for the platform's processes (a company's ``base_url``).

It serves ``tests/ai_fakes.FakeProvider`` (the cooperative model and the
bag-of-words embeddings the backend tests use with respx) on a free port of
127.0.0.1, so the browser tests' web and worker processes reach the same fake
through the real ``openai`` client. Every request is recorded by the provider.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from ai_fakes import FakeProvider


class _Routes:
    """What ``FakeProvider.install`` needs of a respx router: ``post(url).mock(side_effect=...)``, kept by path suffix."""

    def __init__(self) -> None:
        self.handlers: dict[str, object] = {}

    def post(self, url: str):
        routes = self

        class _Route:
            def mock(self, side_effect):
                routes.handlers[url.rsplit("/v1", 1)[-1]] = side_effect

        return _Route()


@dataclass
class FakeOpenAI:
    """The running fake: the ``base_url`` to give the agent, and the provider (``chats``, ``embedded``)."""

    base_url: str
    provider: FakeProvider


def _handler(routes: _Routes) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            handle = routes.handlers.get(self.path.split("?")[0].rsplit("/v1", 1)[-1])
            if handle is None:
                response = httpx.Response(
                    404, json={"error": {"message": "Unknown path", "type": "invalid_request_error"}}
                )
            else:
                response = handle(httpx.Request("POST", f"http://fake{self.path}", content=body))
            raw = response.content
            self.send_response(response.status_code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args) -> None:  # keep the test output clean
            pass

    return Handler


def start_fake_openai() -> tuple[FakeOpenAI, ThreadingHTTPServer]:
    """Start the fake in a daemon thread; ``server.shutdown()`` stops it."""
    routes = _Routes()
    provider = FakeProvider().install(routes)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    fake = FakeOpenAI(f"http://127.0.0.1:{server.server_port}/v1", provider)
    threading.Thread(target=server.serve_forever, daemon=True, name="fake-openai").start()
    return fake, server
