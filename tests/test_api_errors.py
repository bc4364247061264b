"""Every error answer is an RFC 9457 problem (application/problem+json), and the OpenAPI document says so."""

import pytest

PROBLEM = "application/problem+json"
SIGNUP = {
    "company": "Escola Azul",
    "slug": "escola-azul",
    "name": "Ana",
    "email": "ana@example.com",
    "password": "a long enough password",
}


def problem(response, status: int) -> dict:
    """The problem document of ``response``, after checking its status and media type."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"].endswith("/" + body["code"]) and body["title"] and body["detail"]
    return body


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("slug", "Not A Slug!"), ("password", "short"), ("company", None)],
)
def test_signup_validation_names_the_field(client, field, value):
    body = {**SIGNUP, field: value} if value is not None else {k: v for k, v in SIGNUP.items() if k != field}
    doc = problem(client.post("/api/v1/signup", json=body), 422)
    assert doc["code"] == "validation_error"
    assert [e["field"] for e in doc["errors"]] == [field]
    assert doc["errors"][0]["location"] == "json"
    assert f"'{field}'" in doc["detail"]


def test_malformed_json_is_a_400_problem(client):
    doc = problem(client.post("/api/v1/signup", data='{"company": ', content_type="application/json"), 400)
    assert doc["code"] == "bad_request"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [("company=Escola", "application/x-www-form-urlencoded"), ('{"company": "Escola"}', "text/plain"), ("{}", None)],
)
def test_non_json_body_on_a_json_route_is_a_415_problem(client, data, content_type):
    response = client.post("/api/v1/signup", data=data, headers={"Content-Type": content_type} if content_type else {})
    assert problem(response, 415)["code"] == "unsupported_media_type"


def test_json_with_a_charset_or_a_json_suffix_is_accepted(client):
    response = client.post("/api/v1/signup", data="{}", content_type="application/merge-patch+json; charset=utf-8")
    assert problem(response, 422)["code"] == "validation_error"


def test_body_less_write_routes_accept_no_content_type(tenant_factory):
    assert tenant_factory().post("/api/v1/auth/logout").status_code == 204


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing", "/api/v1/tags/not-a-uuid", "/api/nothing", "/api", "/webhooks/nobody"]
)
def test_unknown_api_path_is_a_404_problem_not_the_panel(client, path):
    for method in ("GET", "POST"):
        assert problem(client.open(path, method=method), 404)["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path"), [("DELETE", "/api/v1/tags"), ("GET", "/api/v1/signup"), ("PUT", "/api/v1/auth/me")]
)
def test_wrong_method_is_a_405_problem_listing_the_allowed_ones(client, method, path):
    response = client.open(path, method=method)
    assert problem(response, 405)["code"] == "method_not_allowed"
    assert response.headers["Allow"]


def test_body_over_3_mb_is_a_413_problem(client):
    response = client.post("/api/v1/signup", data=b"x" * (3 * 1024 * 1024 + 1), content_type="application/json")
    assert problem(response, 413)["code"] == "payload_too_large"


def test_missing_token_is_a_401_problem(client):
    response = client.get("/api/v1/tags")
    assert problem(response, 401)["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unexpected_exception_is_a_500_problem_that_leaks_nothing(atrium_stack, caplog):
    from atrium.app import create_app

    app = create_app()

    @app.get("/api/v1/explode")
    def explode():
        raise RuntimeError("password=hunter2 at db.internal:5432")

    response = app.test_client().get("/api/v1/explode")
    doc = problem(response, 500)
    assert doc["code"] == "internal_error"
    assert "hunter2" not in response.get_data(as_text=True) and "RuntimeError" not in response.get_data(as_text=True)
    assert any(record.exc_info and "hunter2" in str(record.exc_info[1]) for record in caplog.records), (
        "the error is logged"
    )


def test_openapi_documents_errors_as_problems(client):
    spec = client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert "Error" not in schemas
    assert set(schemas["Problem"]["properties"]) == {"type", "title", "status", "code", "detail", "errors"}
    assert schemas["Problem"]["properties"]["errors"]["items"]["$ref"] == "#/components/schemas/FieldError"
    assert set(schemas["FieldError"]["properties"]) == {"field", "location", "message"}
    problem_body = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for name in ("DEFAULT_ERROR", "UNPROCESSABLE_ENTITY"):
        assert spec["components"]["responses"][name]["content"] == problem_body
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert "$ref" in response or response["content"] == problem_body, (method, path, status)
