"""The panel's typed API client is generated from frontend/openapi.json: that file must be the live spec.

When this fails, the API changed: run `make api-client` (it rewrites frontend/openapi.json and
frontend/src/generated/api.d.ts) and commit both. The panel's own test suite (Vitest) checks that
api.d.ts is what openapi-typescript makes of openapi.json.
"""

from __future__ import annotations

import json
from pathlib import Path

SPEC = Path(__file__).resolve().parents[1] / "frontend" / "openapi.json"


def test_frontend_openapi_json_is_the_live_spec(client):
    live = client.get("/api/openapi.json").get_json()
    committed = json.loads(SPEC.read_text(encoding="utf-8"))
    changed = sorted(set(live["paths"]) ^ set(committed["paths"]))
    assert committed == live, (
        "frontend/openapi.json is not the API's current OpenAPI document "
        f"(paths added or removed: {changed or 'none; schemas or operations differ'}): run `make api-client`"
    )
