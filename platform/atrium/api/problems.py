"""Every error answer is ``application/problem+json`` (RFC 9457) with a stable ``code``.

Validation errors list each offending field in ``errors`` and name the first
one in ``detail``; unexpected exceptions are logged and answered with a
generic 500 problem that leaks nothing.
"""

from __future__ import annotations

import logging
from typing import Any

import marshmallow as ma
from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from atrium.api.schemas import Schema
from atrium.errors import Conflict, Forbidden, Invalid, NotFound, Problem, TooManyRequests, Unauthorized

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

_DOMAIN = {cls.status: cls for cls in (Problem, Invalid, Unauthorized, Forbidden, NotFound, Conflict, TooManyRequests)}
"""HTTP errors with a domain twin reuse its code and title, so one ``type`` always reads the same."""

_CODES = {405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type", 500: "internal_error"}


class FieldErrorSchema(Schema):
    """One offending input of a validation problem."""

    field = ma.fields.String(
        allow_none=True, metadata={"description": "The input's name, dotted for nested fields (e.g. `steps.0.name`)"}
    )
    location = ma.fields.String(
        metadata={"description": "Where it was read from when known: json, query, path, headers"}
    )
    message = ma.fields.String(metadata={"description": "What is wrong with it"})


class ProblemSchema(Schema):
    """An RFC 9457 problem document: the body of every error answer."""

    type = ma.fields.String(
        metadata={
            "description": "URI naming the problem type",
            "example": "https://atrium.dev/problems/validation_error",
        }
    )
    title = ma.fields.String(metadata={"description": "Short summary of the problem type"})
    status = ma.fields.Integer(metadata={"description": "HTTP status code"})
    code = ma.fields.String(
        metadata={"description": "Stable machine-readable code (validation_error, not_found, conflict...)"}
    )
    detail = ma.fields.String(
        metadata={"description": "Human-readable explanation of this occurrence; names the first offending field"}
    )
    errors = ma.fields.List(
        ma.fields.Nested(FieldErrorSchema), metadata={"description": "Every offending field (validation problems)"}
    )


def problem_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """A response with ``body`` as ``application/problem+json``."""
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _field_errors(messages: Any, location: str, prefix: str = "") -> list[dict[str, Any]]:
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_field_errors(value, location, name))
        return out
    if isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        return [{"field": prefix or None, "location": location, "message": " ".join(messages)}]
    if isinstance(messages, list):
        return [e for m in messages for e in _field_errors(m, location, prefix)]
    return [{"field": prefix or None, "location": location, "message": str(messages)}]


def http_problem(exc: HTTPException) -> Response:
    """The problem response for a werkzeug/flask-smorest HTTP error (422s list their fields)."""
    status = exc.code or 500
    domain = _DOMAIN.get(status)
    code = domain.code if domain else _CODES.get(status, "error")
    body: dict[str, Any] = {
        "type": f"https://atrium.dev/problems/{code}",
        "title": domain.title if domain else exc.name,
        "status": status,
        "code": code,
        "detail": exc.description,
    }
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if messages:
        errors = [e for location, m in messages.items() for e in _field_errors(m, location)]
        body["errors"] = errors
        fields = [e["field"] for e in errors if e.get("field")]
        body["detail"] = f"invalid value for '{fields[0]}': {errors[0]['message']}" if fields else errors[0]["message"]
    elif data.get("message"):
        body["detail"] = data["message"]
    headers = data.get("headers") or {}
    if status == 405 and exc.get_headers():
        headers = {**dict(exc.get_headers()), **headers}
        headers.pop("Content-Type", None)
    return problem_response(status, body, headers)


def install(app: Flask) -> None:
    """Register the problem handlers on ``app``."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(exc.status, exc.body(), exc.headers)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return http_problem(exc)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem_response(
            500,
            {
                "type": "https://atrium.dev/problems/internal_error",
                "title": "Internal error",
                "status": 500,
                "code": "internal_error",
                "detail": "something went wrong on our side; it was logged",
            },
        )
