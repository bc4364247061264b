"""An OpenAI-compatible provider over real HTTP, for the platform's processes (a company's ``base_url``).

It serves ``tests/ai_fakes.FakeProvider`` (the cooperative model and the
bag-of-words embeddings the backend tests use with respx) on a free port of
127.0.0.1, so the browser tests' web and worker processes reach the same fake
through the real ``openai`` client. Every request is recorded by the provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.server import ThreadingHTTPServer

import httpx
from ai_fakes import FakeProvider
from fake_http import JsonHandler, serve


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


def _handler(routes: _Routes) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            body = self.read_body()
            handle = routes.handlers.get(self.path.split("?")[0].rsplit("/v1", 1)[-1])
            if handle is None:
                return self.answer(404, {"error": {"message": "Unknown path", "type": "invalid_request_error"}})
            response = handle(httpx.Request("POST", f"http://fake{self.path}", content=body))
            return self.answer(response.status_code, response.content)

    return Handler


def start_fake_openai() -> tuple[FakeOpenAI, ThreadingHTTPServer]:
    """Start the fake in a daemon thread; ``server.shutdown()`` stops it."""
    routes = _Routes()
    provider = FakeProvider().install(routes)
    server = serve(_handler(routes), "fake-openai")
    return FakeOpenAI(f"http://127.0.0.1:{server.server_port}/v1", provider), server
