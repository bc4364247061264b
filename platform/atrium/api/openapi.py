"""The OpenAPI side of the API: flask-smorest's ``Api`` speaking problem+json, and the docs UI.

``ProblemApi`` renders every HTTP error as ``application/problem+json`` and
documents it so: the shared error responses (``DEFAULT_ERROR``,
``UNPROCESSABLE_ENTITY``...) and every error response an operation declares
without a body point at the ``Problem`` schema. Swagger UI's assets come from
the ``swagger-ui-py`` distribution and are served by the app itself, so
``/api/docs`` works without internet access.
"""

from __future__ import annotations

import http
import importlib.util
from pathlib import Path

from apispec import BasePlugin
from flask import Blueprint, Flask
from flask_smorest import Api

from atrium.api.problems import PROBLEM_JSON, ProblemSchema, http_problem

SWAGGER_UI_ASSETS_URL = "/api/docs/assets/"
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class ProblemResponses(BasePlugin):
    """apispec plugin: an error response declared without content is a problem document."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        """Give every 4xx/5xx response of ``operations`` a problem+json body when it has none."""
        for operation in (operations or {}).values():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                if str(status)[:1] in ("4", "5") and isinstance(response, dict) and "content" not in response:
                    response["content"] = {PROBLEM_JSON: {"schema": _PROBLEM_REF}}


class ProblemApi(Api):
    """flask-smorest's ``Api`` whose errors (including webargs' 422s) are problem+json, and documented so."""

    ERROR_SCHEMA = ProblemSchema

    def init_app(self, app: Flask, *, spec_kwargs: dict | None = None) -> None:
        """Initialise as flask-smorest does, with the ``ProblemResponses`` apispec plugin."""
        spec_kwargs = {**self._spec_kwargs, **(spec_kwargs or {})}
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), ProblemResponses()]
        super().init_app(app, spec_kwargs=spec_kwargs)
        self.spec.components.schema("Problem", schema=ProblemSchema)

    def _register_responses(self) -> None:
        """Register the shared per-status responses; error statuses carry a problem+json body."""
        for status in http.HTTPStatus:
            response: dict = {"description": status.phrase}
            if status >= 400:
                response["content"] = {PROBLEM_JSON: {"schema": _PROBLEM_REF}}
            self.spec.components.response(status.name, response, lazy=True)
        self.spec.components.response(
            self.DEFAULT_ERROR_RESPONSE_NAME,
            {
                "description": "Any other error, as a problem document",
                "content": {PROBLEM_JSON: {"schema": _PROBLEM_REF}},
            },
            lazy=True,
        )

    def handle_http_exception(self, error):
        """Render ``error`` as ``application/problem+json``."""
        return http_problem(error)


def swagger_ui_assets() -> Blueprint:
    """A blueprint serving Swagger UI's JavaScript and CSS at ``SWAGGER_UI_ASSETS_URL``."""
    spec = importlib.util.find_spec("swagger_ui")
    static = Path(next(iter(spec.submodule_search_locations))) / "static"
    return Blueprint(
        "swagger_ui_assets", __name__, static_folder=static, static_url_path=SWAGGER_UI_ASSETS_URL.rstrip("/")
    )
