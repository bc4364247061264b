"""The Flask application factory: the only way to build the web app."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import PathConverter

from atrium import __version__
from atrium.config import get_settings
from atrium.panel_files import send_panel_file

log = logging.getLogger(__name__)


class PanelPathConverter(PathConverter):
    """A path of the panel: anything but the API, the webhooks and the probes.

    The panel's catch-all route never matches those, so an unknown ``/api/...``
    path gets a 404 (or 405) problem, never the panel's ``index.html``.
    """

    regex = r"(?!(?:api|webhooks)(?:/|$)|(?:healthz|readyz|metrics)$)[^/].*?"


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the web app: API, plugin blueprints, health, metrics and the panel.

    ``overrides`` are Flask config keys (e.g. ``TESTING``, or ``FRONTEND_DIST``:
    the built panel's directory, default ``frontend/dist``).
    """
    from atrium.api import content_type, health, problems
    from atrium.api.openapi import SWAGGER_UI_ASSETS_URL, ProblemApi, swagger_ui_assets
    from atrium.auth.api import blp as auth_blp
    from atrium.auth.users_api import blp as users_blp
    from atrium.channels.api import blp as channels_blp
    from atrium.channels.webhooks import blp as webhooks_blp
    from atrium.crm.api import blp as crm_blp
    from atrium.dashboard.api import blp as dashboard_blp
    from atrium.inbox.api import BLUEPRINTS as inbox_blueprints
    from atrium.outbound_webhooks.api import blp as outbound_webhooks_blp
    from atrium.plugins.api import blp as plugins_blp
    from atrium.plugins.manager import get_plugin_manager
    from atrium.plugins.service import record_catalogue
    from atrium.realtime.api import blp as realtime_blp
    from atrium.tenancy.settings_api import blp as tenant_blp

    settings = get_settings()
    app = Flask(__name__, static_folder=None)
    app.config.update(
        API_TITLE="Atrium API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_UI_ASSETS_URL,
        OPENAPI_SWAGGER_UI_CONFIG={"persistAuthorization": True},
        MAX_CONTENT_LENGTH=3 * 1024 * 1024,
        API_SPEC_OPTIONS={
            "info": {"description": "Every endpoint the Atrium panel uses. Errors are application/problem+json (RFC 9457)."},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}},
        },
    )
    app.config.update(overrides or {})
    app.extensions["atrium_settings"] = settings
    if settings.trusted_proxies:  # the client's address and scheme as the proxies in front report them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)

    app.json.sort_keys = False  # keep the schemas' field order (id first; problems as in RFC 9457)
    problems.install(app)
    content_type.install(app)
    health.install(app)
    app.register_blueprint(swagger_ui_assets())
    api = ProblemApi(app)
    for blp in (auth_blp, users_blp, crm_blp, plugins_blp, channels_blp, realtime_blp, outbound_webhooks_blp, *inbox_blueprints, dashboard_blp, tenant_blp):
        api.register_blueprint(blp)
    app.register_blueprint(webhooks_blp)

    pm = get_plugin_manager()
    record_catalogue()
    plugin_blueprints: dict[str, str] = {}
    for plugin_id, blueprints in pm.call_by_plugin("register_blueprints", app=app).items():
        for blp in blueprints:
            api.register_blueprint(blp, url_prefix=f"/api/v1{blp.url_prefix or ''}")
            plugin_blueprints[blp.name] = plugin_id
    app.extensions["atrium_plugin_blueprints"] = plugin_blueprints
    for blueprints in pm.call("register_public_routes", app=app):
        for blp in blueprints:
            app.register_blueprint(blp)

    _serve_panel(app, Path(app.config.get("FRONTEND_DIST", settings.frontend_dist)))
    log.info("web app ready", extra={"version": __version__, "plugins": sorted(pm.infos)})
    return app


def _serve_panel(app: Flask, dist: Path) -> None:
    """Serve the built panel at ``/``; unknown non-API paths fall back to ``index.html``."""
    app.url_map.converters["panel_path"] = PanelPathConverter

    @app.get("/", defaults={"path": ""})
    @app.get("/<panel_path:path>")
    def panel(path: str):
        """The panel's file at ``path``, else its ``index.html`` (client-side routing)."""
        if path and (dist / path).is_file():
            return send_panel_file(dist, path)
        if (dist / "index.html").is_file():
            return send_panel_file(dist, "index.html")
        return PLACEHOLDER, 200, {"Content-Type": "text/html; charset=utf-8"}


PLACEHOLDER = """<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Atrium</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>Atrium</h1><p>The API is running. The web panel is not built yet (<code>frontend/dist</code> is empty).</p>
<p><a href="/api/docs">API documentation</a> · <a href="/api/openapi.json">OpenAPI document</a></p></body></html>"""
