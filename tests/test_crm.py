"""CRM API: tags and pipeline stages of one company (CRUD, duplicates, roles)."""

import uuid

import pytest

PROBLEM = "application/problem+json"


def field_error(response, status: int) -> str:
    """The field named by the problem in ``response`` (checked to have ``status``)."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    return response.get_json()["errors"][0]["field"]


@pytest.fixture()
def agent(tenant_factory):
    """A company's owner and an agent of the same company, each with their own client."""
    owner = tenant_factory()
    email, password = f"agent-{uuid.uuid4().hex[:8]}@example.com", "agent password 123"
    created = owner.post("/api/v1/users", json={"email": email, "name": "Agente", "password": password})
    assert created.status_code == 201, created.get_json()
    login = owner.client.post("/api/v1/auth/login", json={"email": email, "password": password, "tenant": owner.slug})
    assert login.status_code == 200, login.get_json()
    assert login.get_json()["tenant"]["slug"] == owner.slug
    token = login.get_json()["access_token"]
    return owner, {"Authorization": f"Bearer {token}"}


def test_tag_crud(tenant_factory):
    t = tenant_factory()
    created = t.post("/api/v1/tags", json={"name": "Quente", "color": "#ff5722"})
    assert created.status_code == 201
    tag = created.get_json()
    assert tag["name"] == "Quente" and tag["color"] == "#ff5722" and uuid.UUID(tag["id"]).version == 7

    assert t.get(f"/api/v1/tags/{tag['id']}").get_json() == tag
    assert tag["id"] in [x["id"] for x in t.get("/api/v1/tags").get_json()["items"]]

    patched = t.patch(f"/api/v1/tags/{tag['id']}", json={"name": "Muito quente"})
    assert patched.status_code == 200
    assert patched.get_json() | {"name": "Quente"} == tag, "only the name changed"

    assert t.delete(f"/api/v1/tags/{tag['id']}").status_code == 204
    assert t.get(f"/api/v1/tags/{tag['id']}").get_json()["code"] == "not_found"
    assert t.delete(f"/api/v1/tags/{tag['id']}").status_code == 404


def test_tag_defaults_and_validation(tenant_factory):
    t = tenant_factory()
    assert t.post("/api/v1/tags", json={"name": "Sem cor"}).get_json()["color"] == "#64748b"
    assert field_error(t.post("/api/v1/tags", json={"name": "x", "color": "red"}), 422) == "color"
    assert field_error(t.post("/api/v1/tags", json={"name": ""}), 422) == "name"
    assert field_error(t.post("/api/v1/tags", json={}), 422) == "name"


def test_server_owned_fields_in_bodies_are_ignored(tenant_factory):
    t = tenant_factory()
    forged = {"id": str(uuid.uuid4()), "created_at": "2000-01-01T00:00:00Z", "tenant_id": str(uuid.uuid4())}
    tag = t.post("/api/v1/tags", json={"name": "Forjada", **forged}).get_json()
    assert tag["id"] != forged["id"] and not tag["created_at"].startswith("2000")
    again = t.patch(f"/api/v1/tags/{tag['id']}", json={"id": str(uuid.uuid4()), "color": "#000000"}).get_json()
    assert again["id"] == tag["id"] and again["color"] == "#000000"


def test_duplicate_tag_name_is_a_409_naming_name(tenant_factory):
    t = tenant_factory()
    assert t.post("/api/v1/tags", json={"name": "VIP"}).status_code == 201
    assert field_error(t.post("/api/v1/tags", json={"name": "VIP"}), 409) == "name"
    other = t.post("/api/v1/tags", json={"name": "Frio"}).get_json()
    assert field_error(t.patch(f"/api/v1/tags/{other['id']}", json={"name": "VIP"}), 409) == "name"
    assert t.get(f"/api/v1/tags/{other['id']}").get_json()["name"] == "Frio", "the failed rename changed nothing"


def test_the_same_tag_name_in_two_companies_is_fine(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    assert a.post("/api/v1/tags", json={"name": "Indicação"}).status_code == 201
    assert b.post("/api/v1/tags", json={"name": "Indicação"}).status_code == 201


def test_stage_crud_in_board_order(tenant_factory):
    t = tenant_factory()
    created = t.post("/api/v1/pipeline/stages", json={"key": "second_visit", "name": "Segunda visita", "position": 900})
    assert created.status_code == 201
    stage = created.get_json()
    assert stage | {"id": None} == {
        "id": None,
        "key": "second_visit",
        "name": "Segunda visita",
        "position": 900,
        "color": "#64748b",
        "outcome": None,
    }
    assert t.get(f"/api/v1/pipeline/stages/{stage['id']}").get_json() == stage

    won = t.patch(
        f"/api/v1/pipeline/stages/{stage['id']}",
        json={"name": "Ganho", "outcome": "won", "position": 1000, "key": "ignored"},
    )
    assert won.status_code == 200
    assert won.get_json() == stage | {"name": "Ganho", "outcome": "won", "position": 1000}, "the key is stable"

    positions = [
        s["position"] for s in t.get("/api/v1/pipeline/stages", query_string={"limit": 100}).get_json()["items"]
    ]
    assert positions == sorted(positions) and positions[-1] == 1000

    assert t.delete(f"/api/v1/pipeline/stages/{stage['id']}").status_code == 204
    assert t.get(f"/api/v1/pipeline/stages/{stage['id']}").status_code == 404


def test_stage_validation_and_duplicate_key(tenant_factory):
    t = tenant_factory()
    assert field_error(t.post("/api/v1/pipeline/stages", json={"key": "Has Spaces", "name": "x"}), 422) == "key"
    assert (
        field_error(t.post("/api/v1/pipeline/stages", json={"key": "ok", "name": "x", "outcome": "maybe"}), 422)
        == "outcome"
    )
    assert (
        field_error(t.post("/api/v1/pipeline/stages", json={"key": "ok", "name": "x", "position": -1}), 422)
        == "position"
    )
    assert t.post("/api/v1/pipeline/stages", json={"key": "visit", "name": "Visita"}).status_code == 201
    assert field_error(t.post("/api/v1/pipeline/stages", json={"key": "visit", "name": "Outra visita"}), 409) == "key"


def test_blueprint_seeds_the_pipeline(tenant_factory):
    t = tenant_factory(blueprint="real-estate")
    stages = t.get("/api/v1/pipeline/stages", query_string={"limit": 100}).get_json()["items"]
    assert stages and {s["outcome"] for s in stages} >= {"won", "lost"}


def test_unknown_ids_are_404(tenant_factory):
    t = tenant_factory()
    for path in ("/api/v1/tags", "/api/v1/pipeline/stages"):
        missing = f"{path}/{uuid.uuid4()}"
        assert t.get(missing).status_code == 404
        assert t.patch(missing, json={}).status_code == 404
        assert t.delete(missing).status_code == 404


def test_agents_read_but_do_not_administer(agent):
    owner, agent_headers = agent
    tag = owner.post("/api/v1/tags", json={"name": "Retorno"}).get_json()
    stage = owner.post("/api/v1/pipeline/stages", json={"key": "callback", "name": "Retornar"}).get_json()

    for path in (
        "/api/v1/tags",
        f"/api/v1/tags/{tag['id']}",
        "/api/v1/pipeline/stages",
        f"/api/v1/pipeline/stages/{stage['id']}",
    ):
        assert owner.client.get(path, headers=agent_headers).status_code == 200, path

    writes = [
        ("POST", "/api/v1/tags", {"name": "Nova"}),
        ("PATCH", f"/api/v1/tags/{tag['id']}", {"name": "Renomeada"}),
        ("DELETE", f"/api/v1/tags/{tag['id']}", None),
        ("POST", "/api/v1/pipeline/stages", {"key": "new_one", "name": "Nova"}),
        ("PATCH", f"/api/v1/pipeline/stages/{stage['id']}", {"name": "Renomeada"}),
        ("DELETE", f"/api/v1/pipeline/stages/{stage['id']}", None),
    ]
    for method, path, body in writes:
        response = owner.client.open(path, method=method, json=body, headers=agent_headers)
        assert response.status_code == 403, (method, path)
        assert response.mimetype == PROBLEM and response.get_json()["code"] == "forbidden"

    assert owner.get(f"/api/v1/tags/{tag['id']}").get_json() == tag, "nothing changed"
    assert owner.get(f"/api/v1/pipeline/stages/{stage['id']}").get_json() == stage
