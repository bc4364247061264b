"""Sign-up: the contract, validation, duplicates and an email that already has an account."""

import uuid

import pytest

PASSWORD = "correct horse battery"


def signup_body(**changes):
    slug = f"su-{uuid.uuid4().hex[:10]}"
    body = {"company": "Escola Aurora", "slug": slug, "name": "Ana", "email": f"ana-{slug}@example.com", "password": PASSWORD}
    return {**body, **changes}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def error_fields(response):
    return [e["field"] for e in response.get_json().get("errors", [])]


def test_signup_returns_the_tenant_and_a_working_token_pair(client):
    body = signup_body(blueprint="clinic")
    response = client.post("/api/v1/signup", json=body)

    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert {"id", "slug", "name"} <= data["tenant"].keys()
    assert data["tenant"]["slug"] == body["slug"]
    assert data["tenant"]["name"] == "Escola Aurora"
    assert data["access_token"] and data["refresh_token"]
    assert "password" not in response.get_data(as_text=True)
    me = client.get("/api/v1/auth/me", headers=bearer(data["access_token"])).get_json()
    assert me["role"] == "owner"
    assert me["user"]["email"] == body["email"]
    assert me["tenant"]["id"] == data["tenant"]["id"]


def test_duplicate_slug_is_a_409_naming_slug(client):
    body = signup_body()
    assert client.post("/api/v1/signup", json=body).status_code == 201

    again = client.post("/api/v1/signup", json=signup_body(slug=body["slug"]))

    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
    assert error_fields(again) == ["slug"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "Bad Slug!"),
        ("slug", "ab"),
        ("slug", "-leading-hyphen"),
        ("email", "not-an-email"),
        ("password", "short"),
        ("company", ""),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, field, value):
    response = client.post("/api/v1/signup", json=signup_body(**{field: value}))

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in error_fields(response)


@pytest.mark.parametrize("field", ["company", "slug", "name", "email", "password"])
def test_missing_field_is_a_422_naming_it(client, field):
    body = signup_body()
    del body[field]

    response = client.post("/api/v1/signup", json=body)

    assert response.status_code == 422
    assert field in error_fields(response)


def test_unknown_blueprint_is_a_422(client):
    response = client.post("/api/v1/signup", json=signup_body(blueprint="no-such-blueprint"))

    assert response.status_code == 422
    assert error_fields(response) == ["blueprint"]


def test_existing_account_adds_a_company_with_its_own_password(client, tenant_factory):
    first = tenant_factory()

    response = client.post("/api/v1/signup", json=signup_body(email=first.email.upper(), password=first.password, name="Someone else"))

    assert response.status_code == 201, response.get_json()
    me = client.get("/api/v1/auth/me", headers=bearer(response.get_json()["access_token"])).get_json()
    assert me["role"] == "owner"
    assert me["user"]["name"] == "Owner"  # the existing account is not renamed
    assert sorted(t["slug"] for t in me["tenants"]) == sorted([first.slug, response.get_json()["tenant"]["slug"]])


def test_existing_account_with_another_password_is_a_409_on_email(client, tenant_factory):
    first = tenant_factory()
    body = signup_body(email=first.email, password="not the owner's password")

    response = client.post("/api/v1/signup", json=body)

    assert response.status_code == 409
    assert error_fields(response) == ["email"]
    login = client.post("/api/v1/auth/login", json={"email": first.email, "password": "not the owner's password"})
    assert login.status_code == 401
    # nothing was created: the slug is still free
    assert client.post("/api/v1/signup", json=signup_body(slug=body["slug"])).status_code == 201
