"""The built panel's files: precompressed variants and cache headers.

The panel's build writes ``<file>.br`` and ``<file>.gz`` beside every text asset
(``frontend/vite.config.ts``, plugin ``atrium:precompress``). A browser that
accepts Brotli or gzip gets that variant with ``Content-Encoding`` and
``Vary: Accept-Encoding``; others get the plain file. Files under ``assets/``
carry a content hash in their names, so they are cached for a year
(``immutable``); ``index.html`` and the other files are revalidated each time,
so a new build reaches every browser at once.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Response, request, send_from_directory

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preferred first
HASHED = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"


def send_panel_file(dist: Path, path: str) -> Response:
    """``dist/path`` for this request: its Brotli or gzip variant when the browser accepts one."""
    variants = [(encoding, path + suffix) for encoding, suffix in ENCODINGS if (dist / (path + suffix)).is_file()]
    chosen = next(((encoding, name) for encoding, name in variants if request.accept_encodings[encoding]), None)
    if chosen:
        mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        response = send_from_directory(dist, chosen[1], mimetype=mimetype)
        response.headers["Content-Encoding"] = chosen[0]
    else:
        response = send_from_directory(dist, path)
    if variants:
        response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = IMMUTABLE if path.startswith(HASHED) else "no-cache"
    return response
