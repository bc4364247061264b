"""Tenant settings: a company reads and changes its name, language and time zone (admins write)."""

from test_users_api import member


def test_the_owner_reads_and_changes_the_company_settings(tenant_factory):
    t = tenant_factory()
    settings = t.get("/api/v1/tenant")
    assert settings.status_code == 200, settings.get_json()
    body = settings.get_json()
    assert (body["slug"], body["locale"], body["timezone"]) == (t.slug, "pt-BR", "America/Sao_Paulo")

    changed = t.patch("/api/v1/tenant", json={"name": "Escola Atrium", "locale": "en", "timezone": "Europe/Lisbon"})
    assert changed.status_code == 200, changed.get_json()
    assert {k: changed.get_json()[k] for k in ("name", "locale", "timezone")} == {
        "name": "Escola Atrium",
        "locale": "en",
        "timezone": "Europe/Lisbon",
    }
    me = t.get("/api/v1/auth/me").get_json()["tenant"]
    assert (me["name"], me["locale"], me["timezone"]) == ("Escola Atrium", "en", "Europe/Lisbon")

    only_locale = t.patch("/api/v1/tenant", json={"locale": "pt-BR"}).get_json()
    assert (only_locale["name"], only_locale["locale"], only_locale["timezone"]) == (
        "Escola Atrium",
        "pt-BR",
        "Europe/Lisbon",
    )


def test_bad_values_are_422_naming_the_field_and_change_nothing(tenant_factory):
    t = tenant_factory()
    before = t.get("/api/v1/tenant").get_json()
    for body, field in [
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"timezone": "america/sao_paulo"}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"timezone": None}, "timezone"),
        ({"locale": "fr"}, "locale"),
        ({"locale": "pt-br"}, "locale"),
        ({"name": "x"}, "name"),
        ({"name": "A" * 201}, "name"),
    ]:
        response = t.patch("/api/v1/tenant", json={"name": "Nome Novo", **body})
        assert response.status_code == 422, (body, response.get_json())
        assert response.headers["Content-Type"] == "application/problem+json"
        assert field in [e["field"] for e in response.get_json()["errors"]], (body, response.get_json())
    assert t.get("/api/v1/tenant").get_json() == before


def test_server_owned_fields_are_ignored(tenant_factory):
    t = tenant_factory()
    before = t.get("/api/v1/tenant").get_json()
    response = t.patch(
        "/api/v1/tenant",
        json={
            "id": "0193a000-0000-7000-8000-000000000000",
            "slug": "hijack",
            "blueprint": "clinic",
            "status": "deleted",
        },
    )
    assert response.status_code == 200, response.get_json()
    assert t.get("/api/v1/tenant").get_json() == before
    assert t.get("/api/v1/auth/me").status_code == 200


def test_agents_read_but_only_admins_write(client, tenant_factory):
    owner = tenant_factory()
    agent, admin = member(client, owner), member(client, owner, role="admin")
    assert agent.request("GET", "/api/v1/tenant").get_json()["slug"] == owner.slug
    refused = agent.request("PATCH", "/api/v1/tenant", json={"locale": "en"})
    assert refused.status_code == 403 and refused.get_json()["code"] == "forbidden"
    assert admin.request("PATCH", "/api/v1/tenant", json={"locale": "en"}).status_code == 200
    assert owner.get("/api/v1/tenant").get_json()["locale"] == "en"
    assert client.get("/api/v1/tenant").status_code == 401


def test_a_company_changes_only_its_own_settings(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    assert b.patch("/api/v1/tenant", json={"name": "Outra Empresa", "timezone": "America/Manaus"}).status_code == 200
    mine = a.get("/api/v1/tenant").get_json()
    assert (mine["slug"], mine["timezone"]) == (a.slug, "America/Sao_Paulo") and mine["name"] != "Outra Empresa"
