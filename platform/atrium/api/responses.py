"""Responses built by hand, for endpoints whose payload is already JSON-simple."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app


def json_response(data: Any, status: int = 200) -> Response:
    """``data`` (dicts, lists, strings, numbers) as ``application/json``.

    flask-smorest returns a ``Response`` as it is: the endpoint's declared
    schema still documents it, and its test checks the shape.
    """
    response = current_app.json.response(data)
    response.status_code = status
    return response
