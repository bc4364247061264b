"""Write the API's OpenAPI document to frontend/openapi.json (input of the typed client).

Building the document needs no database: the app factory only records the plugin
catalogue, which it skips (with a log line, silenced here) when PostgreSQL cannot be
reached. Run with the project's venv: ``.venv/bin/python frontend/scripts/dump_openapi.py``
(``make api-client`` does this and regenerates ``src/generated/api.d.ts``).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "openapi.json"
UNREACHABLE_DB = "postgresql+psycopg://atrium@127.0.0.1:9/none?connect_timeout=1"


def live_spec() -> dict:
    """The OpenAPI document the app serves at /api/openapi.json."""
    os.environ.setdefault("DATABASE_URL", UNREACHABLE_DB)
    logging.disable(logging.CRITICAL)
    from atrium.app import create_app

    return create_app({"TESTING": True}).test_client().get("/api/openapi.json").get_json()


def render(spec: dict) -> str:
    """The document as written to disk (stable formatting, so diffs are readable)."""
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(live_spec()), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
