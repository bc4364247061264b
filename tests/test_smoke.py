def test_signup_login_me(client, tenant_factory):
    t = tenant_factory(blueprint="education")
    me = t.get("/api/v1/auth/me")
    assert me.status_code == 200, me.get_json()
    assert me.get_json()["role"] == "owner"
    r = client.post("/api/v1/auth/login", json={"email": t.email, "password": t.password})
    assert r.status_code == 200, r.get_json()
    stages = t.get("/api/v1/pipeline/stages").get_json()
    assert [s["key"] for s in stages["items"]][0] == "new"
