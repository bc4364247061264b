"""No mass assignment: server-owned fields sent in a body are ignored, never assigned."""

import datetime as dt
import uuid

import pytest

SERVER_OWNED = ("id", "tenant_id", "role", "owner_id", "created_at")
ROLE_ENDPOINT = ("put", "/api/v1/users/{user_id}/role", "role")  # the one place a role is written
CHAT_ROLE = ("post", "/api/v1/ai/test-chat", "role")  # a simulated chat message's author (user/assistant), not a member's role


def smuggled(**extra):
    """A body fragment with every server-owned field set to something a client should not control."""
    return {"id": str(uuid.uuid4()), "tenant_id": str(uuid.uuid4()), "role": "owner", "owner_id": str(uuid.uuid4()), "created_at": "2001-01-01T00:00:00Z", **extra}


def _writable(schema: dict, components: dict, seen=()) -> set[str]:
    """Names of the properties a client may send in ``schema`` (nested objects included)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return set() if name in seen else _writable(components[name], components, (*seen, name))
    names = set()
    for name, prop in schema.get("properties", {}).items():
        if not prop.get("readOnly"):
            names.add(name)
            names |= _writable(prop, components, seen) | _writable(prop.get("items", {}), components, seen)
    return names


def test_no_write_route_accepts_server_owned_fields(client):
    doc = client.get("/api/openapi.json").get_json()
    exposed = []
    for path, operations in doc["paths"].items():
        for method in {"post", "put", "patch"} & operations.keys():
            body = operations[method].get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                writable = _writable(body, doc["components"]["schemas"])
                exposed += [(method, path, f) for f in SERVER_OWNED if f in writable and (method, path, f) not in (ROLE_ENDPOINT, CHAT_ROLE)]

    assert exposed == []


def test_signup_ignores_server_owned_fields(client, tenant_factory):
    other = tenant_factory()
    slug = f"ma-{uuid.uuid4().hex[:8]}"
    body = {"company": "Mass Co", "slug": slug, "name": "Ana", "email": f"{slug}@example.com", "password": "correct horse battery"}

    response = client.post("/api/v1/signup", json={**body, **smuggled(role="agent", tenant_id=other.tenant_id, tenant={"id": other.tenant_id})})

    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["tenant"]["slug"] == slug
    assert data["tenant"]["id"] != other.tenant_id
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {data['access_token']}"}).get_json()
    assert me["role"] == "owner"
    assert [t["slug"] for t in me["tenants"]] == [slug]


def test_adding_a_member_ignores_server_owned_fields(tenant_factory):
    owner, other = tenant_factory(), tenant_factory()
    sent = smuggled(tenant_id=other.tenant_id, email=f"m-{uuid.uuid4().hex[:8]}@example.com", name="Maria", password="a long enough password")

    response = owner.post("/api/v1/users", json=sent)

    assert response.status_code == 201, response.get_json()
    member = response.get_json()
    assert member["id"] != sent["id"]
    assert member["role"] == "agent"
    assert not member["created_at"].startswith("2001")
    assert member["email"] in [m["email"] for m in owner.get("/api/v1/users").get_json()["items"]]
    assert member["email"] not in [m["email"] for m in other.get("/api/v1/users").get_json()["items"]]


def test_the_role_endpoint_writes_only_the_role(tenant_factory):
    owner, other = tenant_factory(), tenant_factory()
    member = owner.post("/api/v1/users", json={"email": f"r-{uuid.uuid4().hex[:8]}@example.com", "name": "R", "password": "a long enough password"}).get_json()

    response = owner.put(f"/api/v1/users/{member['id']}/role", json=smuggled(role="admin", tenant_id=other.tenant_id))

    assert response.status_code == 200
    assert response.get_json() == {**member, "role": "admin"}
    assert owner.get(f"/api/v1/users/{member['id']}").get_json()["role"] == "admin"


@pytest.mark.parametrize(
    ("collection", "body"),
    [("/api/v1/tags", {"name": "VIP"}), ("/api/v1/pipeline/stages", {"key": "vip", "name": "VIP"})],
)
def test_creating_and_updating_ignore_id_and_created_at(tenant_factory, collection, body):
    t = tenant_factory()
    sent = smuggled(**body)

    created = t.post(collection, json=sent)

    assert created.status_code == 201, created.get_json()
    item = created.get_json()
    assert item["id"] != sent["id"]
    assert t.get(f"{collection}/{sent['id']}").status_code == 404
    if "created_at" in item:
        assert dt.datetime.fromisoformat(item["created_at"]).year > 2001

    patched = t.patch(f"{collection}/{item['id']}", json=smuggled(name="VIP 2"))

    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json() == {**item, "name": "VIP 2"}
