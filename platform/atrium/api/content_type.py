"""A route that reads a JSON body answers 415 to a body of any other media type.

Without this, webargs would ignore a ``text/plain`` or form body and report
every required field as missing, which hides the real mistake. Routes are
recognised from their flask-smorest ``@blp.arguments(...)`` declarations, so a
plugin's routes follow the same rule, and a route that takes uploads
(``location="files"``/``"form"``) is left alone.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.exceptions import UnsupportedMediaType

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def takes_json_body() -> bool:
    """Whether the view matched by this request declares a JSON body argument."""
    view = current_app.view_functions.get(request.endpoint or "")
    view_class = getattr(view, "view_class", None)
    handler = getattr(view_class, request.method.lower(), None) if view_class else view
    arguments = getattr(handler, "_apidoc", {}).get("arguments", {})
    return any(param.get("in") == "json" for param in arguments.get("parameters", []))


def install(app: Flask) -> None:
    """Answer 415 (problem+json) to a non-JSON body sent to a JSON route of ``app``."""

    @app.before_request
    def _require_json_body():
        if request.method not in BODY_METHODS or request.is_json:
            return
        has_body = bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "")
        if has_body and takes_json_body():
            raise UnsupportedMediaType(
                f"send the body as application/json (got {request.mimetype or 'no Content-Type'})"
            )
