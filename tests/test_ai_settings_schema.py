"""The agent's settings schema, as the panel's settings page reads it from ``GET /api/v1/plugins``."""

from __future__ import annotations

from ai_fakes import agent_company


def test_the_schema_shows_what_applies_to_a_setting_left_unset(tenant_factory):
    t, _ = agent_company(tenant_factory)
    schema = t.get("/api/v1/plugins/ai-agent").get_json()["settings_schema"]
    properties = schema["properties"]
    assert properties["model"]["default"] == "gpt-4o-mini"
    assert properties["embedding_model"]["default"] == "text-embedding-3-small"
    assert properties["stages"]["default"]["scheduled"] == "meeting"
    assert properties["business_hours"]["default"] is None
    assert "default" not in properties["api_key"]  # a secret has none

    # The education blueprint stores only its converted stage: the others are the defaults the schema shows.
    stored = t.get("/api/v1/plugins/ai-agent/settings").get_json()
    assert stored["stages"] == {"converted": "enrolled"}
    assert t.put("/api/v1/plugins/ai-agent/settings", json=stored).status_code == 200
