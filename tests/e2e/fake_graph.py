"""A fake of Meta's Graph API over real HTTP, for the platform's worker processes (``META_GRAPH_API_URL``).

Sends are accepted with a new ``wamid``, read receipts answer ``success``, media
uploads (``POST /<phone number id>/media``, multipart) answer a new media id, the
template list is the approved templates of ``tests/fixtures/whatsapp``. Every
request is recorded, so a test can check what the platform sent to Meta.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

from fake_http import JsonHandler, serve

TEMPLATES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp" / "templates_page1.json"


@dataclass
class GraphRequest:
    method: str
    path: str
    body: dict
    wamid: str | None = None  # the id given to an accepted message
    raw: bytes = b""  # the body as received (a media upload's multipart form)
    content_type: str = ""


@dataclass
class FakeGraph:
    """The running fake: its base URL and the requests it received."""

    url: str
    requests: list[GraphRequest] = field(default_factory=list)

    def sent_texts(self) -> list[str]:
        """The text bodies of the messages the platform sent."""
        return [r.body["text"]["body"] for r in self.requests if r.body.get("type") == "text"]

    def uploads(self) -> list[GraphRequest]:
        """The media uploads the platform made (``POST /<phone number id>/media``)."""
        return [r for r in self.requests if r.method == "POST" and r.path.endswith("/media")]

    def sent_media(self, kind: str) -> list[dict]:
        """The ``image``/``document``/... objects of the media messages the platform sent."""
        return [r.body[kind] for r in self.requests if r.body.get("type") == kind]

    def wamid_of(self, text: str) -> str:
        """The WhatsApp id this fake gave the text message ``text``."""
        return next(r.wamid for r in self.requests if r.wamid and r.body.get("text", {}).get("body") == text)


def _handler(graph: FakeGraph) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def do_GET(self) -> None:
            graph.requests.append(GraphRequest("GET", self.path, {}))
            if re.search(r"/message_templates(\?|$)", self.path):
                return self.answer(200, {"data": json.loads(TEMPLATES.read_text())["data"], "paging": {}})
            return self.answer(
                404, {"error": {"message": "Unknown path", "type": "GraphMethodException", "code": 100}}
            )

        def do_POST(self) -> None:
            raw = self.read_body()
            content_type = self.headers.get("Content-Type") or ""
            if self.path.endswith("/media") and content_type.startswith("multipart/form-data"):
                graph.requests.append(GraphRequest("POST", self.path, {}, raw=raw, content_type=content_type))
                return self.answer(200, {"id": str(uuid.uuid4().int)[:16]})
            request = GraphRequest("POST", self.path, json.loads(raw or b"{}"), raw=raw, content_type=content_type)
            graph.requests.append(request)
            body = request.body
            if not self.path.endswith("/messages"):
                return self.answer(
                    404, {"error": {"message": "Unknown path", "type": "GraphMethodException", "code": 100}}
                )
            if body.get("status") == "read":
                return self.answer(200, {"success": True})
            request.wamid = f"wamid.fake.{uuid.uuid4().hex}"
            return self.answer(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"wa_id": body.get("to")}],
                    "messages": [{"id": request.wamid}],
                },
            )

    return Handler


def start_fake_graph() -> tuple[FakeGraph, ThreadingHTTPServer]:
    """Start the fake on a free port of 127.0.0.1 in a daemon thread; ``server.shutdown()`` stops it."""
    server = serve(_handler(graph := FakeGraph("")), "fake-graph")
    graph.url = f"http://127.0.0.1:{server.server_port}"
    return graph, server
