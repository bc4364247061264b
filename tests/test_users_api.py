"""Team administration: list, add, change role, deactivate, activate; who may do what."""

import uuid

PASSWORD = "a long enough password"


class Member:
    """A team member logged in to the company, from an address of their own."""

    def __init__(self, client, user_id, email, tokens):
        self.client, self.id, self.email, self.tokens = client, user_id, email, tokens

    def request(self, method, path, **kwargs):
        headers = {"Authorization": f"Bearer {self.tokens['access_token']}"}
        return self.client.open(path, method=method, headers=headers, **kwargs)


def login(client, email, password, tenant):
    body = {"email": email, "password": password, "tenant": tenant}
    return client.post("/api/v1/auth/login", json=body, environ_base={"REMOTE_ADDR": f"10.2.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250 + 1}"})


def add(owner, **body):
    body = {"email": f"m-{uuid.uuid4().hex[:8]}@example.com", "name": "Maria", "password": PASSWORD, **body}
    return owner.post("/api/v1/users", json=body)


def member(client, owner, role="agent"):
    """Add a new account to ``owner``'s company with ``role`` and log it in."""
    response = add(owner)
    assert response.status_code == 201, response.get_json()
    user = response.get_json()
    if role != "agent":
        assert owner.put(f"/api/v1/users/{user['id']}/role", json={"role": role}).status_code == 200
    tokens = login(client, user["email"], PASSWORD, owner.slug)
    assert tokens.status_code == 200, tokens.get_json()
    return Member(client, user["id"], user["email"], tokens.get_json())


def owner_id(owner):
    return owner.get("/api/v1/auth/me").get_json()["user"]["id"]


def test_add_a_new_account_which_can_log_in(client, tenant_factory):
    owner = tenant_factory()

    response = add(owner, email="Nova.Pessoa@Example.com", name="Nova Pessoa")

    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data == {**data, "email": "nova.pessoa@example.com", "name": "Nova Pessoa", "role": "agent", "is_active": True}
    assert "password" not in response.get_data(as_text=True)
    assert login(client, "nova.pessoa@example.com", PASSWORD, owner.slug).status_code == 200


def test_an_existing_account_is_invited_and_joins_only_when_its_person_accepts(client, tenant_factory):
    owner, other = tenant_factory(), tenant_factory()

    response = add(owner, email=other.email, name="Renamed", password="an attacker's choice")

    assert response.status_code == 201, response.get_json()
    invited = response.get_json()
    assert (invited["status"], invited["is_active"], invited["name"]) == ("invited", False, other.email)  # name hidden
    assert login(client, other.email, other.password, owner.slug).status_code == 401  # not before accepting
    assert owner.post(f"/api/v1/users/{invited['id']}/activate").status_code == 409  # nor by the admin's hand
    waiting = other.get("/api/v1/auth/me").get_json()["invitations"]
    assert [(i["tenant"]["slug"], i["role"]) for i in waiting] == [(owner.slug, "agent")]

    assert other.post(f"/api/v1/auth/invitations/{owner.tenant_id}/accept").status_code == 204

    me = other.get("/api/v1/auth/me").get_json()
    assert me["invitations"] == [] and owner.slug in [t["slug"] for t in me["tenants"]]
    assert login(client, other.email, "an attacker's choice", owner.slug).status_code == 401  # password kept
    assert login(client, other.email, other.password, owner.slug).status_code == 200
    joined = owner.get(f"/api/v1/users/{invited['id']}").get_json()
    assert (joined["status"], joined["is_active"], joined["name"]) == ("active", True, "Owner")


def test_an_invitation_can_be_declined_or_withdrawn(client, tenant_factory):
    owner, other = tenant_factory(), tenant_factory()
    invited = add(owner, email=other.email).get_json()

    assert other.post(f"/api/v1/auth/invitations/{owner.tenant_id}/decline").status_code == 204
    assert invited["id"] not in [m["id"] for m in owner.get("/api/v1/users").get_json()["items"]]
    again = other.post(f"/api/v1/auth/invitations/{owner.tenant_id}/accept")
    assert again.status_code == 404 and again.get_json()["errors"][0]["field"] == "tenant_id"

    assert add(owner, email=other.email).status_code == 201  # invited again after declining
    assert owner.delete(f"/api/v1/users/{invited['id']}/invitation").status_code == 204
    assert other.get("/api/v1/auth/me").get_json()["invitations"] == []
    assert owner.delete(f"/api/v1/users/{owner_id(owner)}/invitation").status_code == 404  # members are not invitations


def test_add_validates_and_refuses_duplicates(tenant_factory):
    owner = tenant_factory()
    email = f"dup-{uuid.uuid4().hex[:8]}@example.com"
    assert add(owner, email=email).status_code == 201

    cases = [
        (add(owner, email=email.upper()), 409, "email"),
        (add(owner, email=owner.email), 409, "email"),
        (add(owner, email="bad email"), 422, "email"),
        (add(owner, password=None), 422, "password"),
        (add(owner, password="short"), 422, "password"),
        (add(owner, name=""), 422, "name"),
    ]

    for response, status, field in cases:
        assert response.status_code == status, response.get_json()
        assert field in [e["field"] for e in response.get_json()["errors"]]


def test_list_is_cursor_paginated_oldest_first(client, tenant_factory):
    owner = tenant_factory()
    emails = [add(owner).get_json()["email"] for _ in range(3)]

    first = owner.get("/api/v1/users?limit=2").get_json()
    second = owner.get(f"/api/v1/users?limit=2&cursor={first['next_cursor']}").get_json()

    assert [m["email"] for m in first["items"] + second["items"]] == [owner.email, *emails]
    assert second["next_cursor"] is None
    assert owner.get("/api/v1/users?cursor=garbage").status_code == 422


def test_list_and_get_show_only_this_company(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    b_member = add(b).get_json()

    assert b_member["email"] not in [m["email"] for m in a.get("/api/v1/users").get_json()["items"]]
    assert a.get(f"/api/v1/users/{b_member['id']}").status_code == 404
    assert a.put(f"/api/v1/users/{b_member['id']}/role", json={"role": "admin"}).status_code == 404
    assert a.post(f"/api/v1/users/{b_member['id']}/deactivate").status_code == 404
    assert b.get(f"/api/v1/users/{b_member['id']}").get_json()["role"] == "agent"


def test_agents_are_refused_admin_routes(client, tenant_factory):
    owner = tenant_factory()
    agent = member(client, owner)
    target = add(owner).get_json()["id"]

    refused = [
        agent.request("POST", "/api/v1/users", json={"email": "x@example.com", "name": "X", "password": PASSWORD}),
        agent.request("PUT", f"/api/v1/users/{target}/role", json={"role": "admin"}),
        agent.request("PUT", f"/api/v1/users/{agent.id}/role", json={"role": "owner"}),
        agent.request("POST", f"/api/v1/users/{target}/deactivate"),
        agent.request("POST", f"/api/v1/users/{target}/activate"),
    ]

    assert [r.status_code for r in refused] == [403] * 5
    assert agent.request("GET", "/api/v1/users").status_code == 200
    assert owner.get(f"/api/v1/users/{agent.id}").get_json()["role"] == "agent"


def test_role_changes_take_effect_on_the_next_request(client, tenant_factory):
    owner = tenant_factory()
    colleague = member(client, owner)
    assert colleague.request("POST", "/api/v1/users", json={"email": "a@example.com", "name": "A", "password": PASSWORD}).status_code == 403

    response = owner.put(f"/api/v1/users/{colleague.id}/role", json={"role": "admin"})

    assert response.status_code == 200
    assert response.get_json()["role"] == "admin"
    assert colleague.request("GET", "/api/v1/auth/me").get_json()["role"] == "admin"
    assert colleague.request("POST", "/api/v1/users", json={"email": f"{uuid.uuid4().hex[:8]}@example.com", "name": "A", "password": PASSWORD}).status_code == 201


def test_only_owners_grant_or_take_away_the_owner_role(client, tenant_factory):
    owner = tenant_factory()
    admin = member(client, owner, role="admin")
    agent = add(owner).get_json()["id"]

    assert admin.request("PUT", f"/api/v1/users/{agent}/role", json={"role": "admin"}).status_code == 200
    assert admin.request("PUT", f"/api/v1/users/{agent}/role", json={"role": "owner"}).status_code == 403
    assert admin.request("PUT", f"/api/v1/users/{owner_id(owner)}/role", json={"role": "agent"}).status_code == 403
    assert admin.request("PUT", f"/api/v1/users/{admin.id}/role", json={"role": "owner"}).status_code == 403
    assert owner.put(f"/api/v1/users/{agent}/role", json={"role": "owner"}).get_json()["role"] == "owner"


def test_the_last_owner_cannot_be_demoted_or_deactivated(client, tenant_factory):
    owner = tenant_factory()
    me = owner_id(owner)

    demote = owner.put(f"/api/v1/users/{me}/role", json={"role": "admin"})

    assert demote.status_code == 409
    assert demote.get_json()["errors"][0]["field"] == "role"
    second = member(client, owner, role="owner")
    assert second.request("POST", f"/api/v1/users/{me}/deactivate").status_code == 200
    last = second.request("PUT", f"/api/v1/users/{second.id}/role", json={"role": "agent"})
    assert last.status_code == 409
    assert second.request("GET", "/api/v1/auth/me").get_json()["role"] == "owner"


def test_an_unknown_role_is_a_422(tenant_factory):
    owner = tenant_factory()
    target = add(owner).get_json()["id"]

    for body in ({"role": "superuser"}, {}):
        response = owner.put(f"/api/v1/users/{target}/role", json=body)
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["field"] == "role"


def test_deactivation_ends_access_at_once_and_activation_restores_login(client, tenant_factory):
    owner = tenant_factory()
    agent = member(client, owner)

    response = owner.post(f"/api/v1/users/{agent.id}/deactivate")

    assert response.status_code == 200
    assert response.get_json()["is_active"] is False
    assert agent.request("GET", "/api/v1/auth/me").status_code == 401
    assert agent.request("GET", "/api/v1/users").status_code == 401
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": agent.tokens["refresh_token"]}).status_code == 401
    assert login(client, agent.email, PASSWORD, owner.slug).status_code == 401

    assert owner.post(f"/api/v1/users/{agent.id}/activate").get_json()["is_active"] is True
    assert agent.request("GET", "/api/v1/auth/me").status_code == 401  # old sessions stay ended
    assert login(client, agent.email, PASSWORD, owner.slug).status_code == 200


def test_deactivation_in_one_company_leaves_the_others(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    joined = add(a, email=b.email).get_json()
    assert b.post(f"/api/v1/auth/invitations/{a.tenant_id}/accept").status_code == 204

    assert a.post(f"/api/v1/users/{joined['id']}/deactivate").status_code == 200

    assert b.get("/api/v1/auth/me").status_code == 200
    assert login(client, b.email, b.password, a.slug).status_code == 401
    assert [t["slug"] for t in b.get("/api/v1/auth/me").get_json()["tenants"]] == [b.slug]


def test_admins_cannot_deactivate_themselves_or_an_owner(client, tenant_factory):
    owner = tenant_factory()
    admin = member(client, owner, role="admin")

    yourself = admin.request("POST", f"/api/v1/users/{admin.id}/deactivate")
    an_owner = admin.request("POST", f"/api/v1/users/{owner_id(owner)}/deactivate")

    assert yourself.status_code == 409
    assert an_owner.status_code == 403
    assert owner.get("/api/v1/auth/me").status_code == 200
