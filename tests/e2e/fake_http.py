"""What the browser tests' fake providers share: a quiet JSON request handler, served from a daemon thread."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JsonHandler(BaseHTTPRequestHandler):
    """Reads request bodies and answers JSON; logs nothing (the test output stays clean)."""

    def read_body(self) -> bytes:
        """The request's body as sent."""
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def answer(self, status: int, body: dict | bytes) -> None:
        """Send ``body`` (a dict, or JSON already encoded) with ``status``."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args) -> None:
        pass


def serve(handler: type[JsonHandler], name: str) -> ThreadingHTTPServer:
    """Serve ``handler`` on a free port of 127.0.0.1 in a daemon thread; ``server.shutdown()`` stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True, name=name).start()
    return server
