"""The web panel is served at / with client-side routing; it never shadows the API, webhooks or probes."""

import pytest

PANEL = '<!doctype html><div id="root"></div><script src="/assets/app.js"></script>'


@pytest.fixture(scope="module")
def built_panel(atrium_stack, tmp_path_factory):
    """A client of an app whose panel build (``FRONTEND_DIST``) is a small fake bundle."""
    from atrium.app import create_app

    dist = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_text(PANEL)
    (dist / "assets").mkdir()
    (dist / "assets" / "app.js").write_text("console.log('atrium')")
    return create_app({"TESTING": True, "FRONTEND_DIST": str(dist)}).test_client()


@pytest.fixture(scope="module")
def unbuilt_panel(atrium_stack, tmp_path_factory):
    """A client of an app with no panel build."""
    from atrium.app import create_app

    return create_app({"TESTING": True, "FRONTEND_DIST": str(tmp_path_factory.mktemp("empty"))}).test_client()


@pytest.mark.parametrize("path", ["/", "/inbox/123", "/settings/plugins/whatsapp", "/apiary"])
def test_panel_routes_serve_index_html(built_panel, path):
    response = built_panel.get(path)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == PANEL


def test_panel_assets_are_served(built_panel):
    response = built_panel.get("/assets/app.js")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "console.log('atrium')"


@pytest.mark.parametrize("path", ["/", "/inbox/123"])
def test_placeholder_page_when_the_panel_is_not_built(unbuilt_panel, path):
    response = unbuilt_panel.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert 'href="/api/docs"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status", "mimetype"),
    [
        ("/api/v1/inbox/123", 404, "application/problem+json"),
        ("/api/docs/nothing", 404, "application/problem+json"),
        ("/webhooks/whatsapp", 404, "application/problem+json"),
        ("/healthz", 200, "application/json"),
        ("/readyz", 200, "application/json"),
        ("/metrics", 200, "text/plain"),
        ("/api/openapi.json", 200, "application/json"),
    ],
)
def test_api_webhooks_and_probes_are_never_shadowed(built_panel, path, status, mimetype):
    response = built_panel.get(path)
    assert (response.status_code, response.mimetype) == (status, mimetype)


def test_api_docs_serve_swagger_ui_from_the_app_itself(built_panel):
    page = built_panel.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'src="/api/docs/assets/swagger-ui-bundle.js"' in html and "/api/openapi.json" in html
    assert "https://" not in html, "no asset from a CDN: the docs must work offline"
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        response = built_panel.get(f"/api/docs/assets/{asset}")
        assert response.status_code == 200 and len(response.get_data()) > 10_000, asset
