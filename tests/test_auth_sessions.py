"""Login, refresh rotation with reuse detection, logout, me, switching companies, token lifetime."""

import itertools
import os

from joserfc import jwt
from joserfc.jwk import OctKey

_addresses = itertools.count(1)


def login(client, email, password, tenant=None):
    """Log in from an address of its own, so attempts do not add up across tests."""
    body = {"email": email, "password": password, **({"tenant": tenant} if tenant else {})}
    n = next(_addresses)
    return client.post("/api/v1/auth/login", json=body, environ_base={"REMOTE_ADDR": f"10.1.{n // 250}.{n % 250 + 1}"})


def refresh(client, token):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": token})


def me(client, access_token):
    return client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access_token}"})


def add_to_team(admin, email, password=None):
    body = {"email": email, "name": "Colleague", **({"password": password} if password else {})}
    response = admin.post("/api/v1/users", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_login_returns_a_pair_for_the_company(client, tenant_factory):
    t = tenant_factory()

    response = login(client, t.email.upper(), t.password)

    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["access_token"] and data["refresh_token"]
    assert data["tenant"]["slug"] == t.slug
    assert me(client, data["access_token"]).get_json()["tenant"]["slug"] == t.slug


def test_wrong_password_or_unknown_email_is_401(client, tenant_factory):
    t = tenant_factory()

    wrong = login(client, t.email, "wrong password!!")
    unknown = login(client, "nobody@example.com", t.password)

    assert wrong.status_code == 401 and unknown.status_code == 401
    assert wrong.mimetype == "application/problem+json"
    assert wrong.get_json()["detail"] == unknown.get_json()["detail"]  # no hint whether the email exists


def test_login_validates_its_body(client):
    response = client.post("/api/v1/auth/login", json={"email": "not-an-email"})

    assert response.status_code == 422
    assert {e["field"] for e in response.get_json()["errors"]} == {"email", "password"}


def test_access_tokens_last_at_most_15_minutes(client, tenant_factory):
    t = tenant_factory()
    pair = login(client, t.email, t.password).get_json()

    for token in (t.access_token, pair["access_token"], refresh(client, pair["refresh_token"]).get_json()["access_token"]):
        claims = jwt.decode(token, OctKey.import_key(os.environ["ATRIUM_JWT_SECRET"].encode())).claims
        assert claims["exp"] - claims["iat"] <= 900
    assert pair["expires_in"] <= 900


def test_refresh_rotates_and_the_spent_token_fails(client, tenant_factory):
    t = tenant_factory()

    first = refresh(client, t.refresh_token)

    assert first.status_code == 200, first.get_json()
    new = first.get_json()
    assert new["refresh_token"] != t.refresh_token
    assert new["tenant"]["slug"] == t.slug
    assert me(client, new["access_token"]).status_code == 200
    assert refresh(client, t.refresh_token).status_code == 401


def test_reusing_a_spent_refresh_token_revokes_the_whole_family(client, tenant_factory):
    t = tenant_factory()
    second = refresh(client, t.refresh_token).get_json()
    third = refresh(client, second["refresh_token"]).get_json()
    assert me(client, third["access_token"]).status_code == 200

    reuse = refresh(client, second["refresh_token"])  # a thief replays a stolen, spent token

    assert reuse.status_code == 401
    assert refresh(client, third["refresh_token"]).status_code == 401  # the newest one is dead too
    for access in (t.access_token, second["access_token"], third["access_token"]):
        assert me(client, access).status_code == 401


def test_reuse_revokes_only_that_family(client, tenant_factory):
    t = tenant_factory()
    other = login(client, t.email, t.password).get_json()  # another device, another family
    refresh(client, t.refresh_token)

    assert refresh(client, t.refresh_token).status_code == 401

    assert me(client, other["access_token"]).status_code == 200
    assert refresh(client, other["refresh_token"]).status_code == 200


def test_unknown_refresh_token_is_401(client):
    assert refresh(client, "not-a-token").status_code == 401
    assert client.post("/api/v1/auth/refresh", json={}).status_code == 422


def test_logout_revokes_the_session(client, tenant_factory):
    t = tenant_factory()
    other = login(client, t.email, t.password).get_json()

    response = t.post("/api/v1/auth/logout")

    assert response.status_code == 204
    assert t.get("/api/v1/auth/me").status_code == 401
    assert refresh(client, t.refresh_token).status_code == 401
    assert me(client, other["access_token"]).status_code == 200  # other sessions go on


def test_logout_also_ends_tokens_obtained_by_refresh(client, tenant_factory):
    t = tenant_factory()
    rotated = refresh(client, t.refresh_token).get_json()

    t.post("/api/v1/auth/logout")

    assert me(client, rotated["access_token"]).status_code == 401
    assert refresh(client, rotated["refresh_token"]).status_code == 401


def test_me_shows_user_role_company_and_every_company(client, tenant_factory):
    t = tenant_factory()

    data = t.get("/api/v1/auth/me").get_json()

    assert data["user"]["email"] == t.email
    assert "password" not in data["user"] and "password_hash" not in data["user"]
    assert data["role"] == "owner"
    assert data["tenant"] == {**data["tenant"], "id": t.tenant_id, "slug": t.slug}
    assert [c["slug"] for c in data["tenants"]] == [t.slug]


def test_me_without_a_token_is_401(client):
    response = client.get("/api/v1/auth/me")

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_a_member_of_two_companies_logs_in_to_either_and_switches(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    add_to_team(a, b.email)  # b's owner is invited to company a as an agent, and accepts
    assert b.post(f"/api/v1/auth/invitations/{a.tenant_id}/accept").status_code == 204

    into_a = login(client, b.email, b.password, tenant=a.slug)
    assert into_a.status_code == 200, into_a.get_json()
    assert into_a.get_json()["tenant"]["slug"] == a.slug
    profile = me(client, into_a.get_json()["access_token"]).get_json()
    assert profile["role"] == "agent"
    assert sorted(c["slug"] for c in profile["tenants"]) == sorted([a.slug, b.slug])

    switched = b.post("/api/v1/auth/switch", json={"tenant": a.slug})

    assert switched.status_code == 200, switched.get_json()
    pair = switched.get_json()
    assert pair["tenant"]["slug"] == a.slug
    assert me(client, pair["access_token"]).get_json()["tenant"]["slug"] == a.slug
    assert b.get("/api/v1/auth/me").status_code == 401  # the session in b ended
    assert refresh(client, pair["refresh_token"]).get_json()["tenant"]["slug"] == a.slug


def test_switching_to_a_company_that_is_not_yours_is_404(tenant_factory):
    a, b = tenant_factory(), tenant_factory()

    for slug in (b.slug, "no-such-company"):
        response = a.post("/api/v1/auth/switch", json={"tenant": slug})
        assert response.status_code == 404
        assert response.get_json()["errors"][0]["field"] == "tenant"
    assert a.get("/api/v1/auth/me").status_code == 200


def test_login_into_a_company_you_do_not_belong_to_is_401(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()

    assert login(client, a.email, a.password, tenant=b.slug).status_code == 401
