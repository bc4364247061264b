"""Cursor pagination: ?limit= and ?cursor= in, {"items", "next_cursor"} out; bad cursors and limits are 422s."""

import base64
import json

import pytest


def walk(tenant, path: str, limit: int) -> list[dict]:
    """Every page of ``path``, following ``next_cursor`` until it is null."""
    items, cursor, pages = [], None, 0
    while True:
        query = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        response = tenant.get(path, query_string=query)
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        assert len(page["items"]) <= limit
        items += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert pages < 100, "next_cursor never ends"


def test_walking_tag_pages_returns_every_tag_once(tenant_factory):
    tenant = tenant_factory()
    for n in range(7):
        assert tenant.post("/api/v1/tags", json={"name": f"tag {n}"}).status_code == 201
    everything = tenant.get("/api/v1/tags", query_string={"limit": 100}).get_json()
    assert everything["next_cursor"] is None and len(everything["items"]) >= 7

    walked = walk(tenant, "/api/v1/tags", limit=3)
    assert [t["id"] for t in walked] == [t["id"] for t in everything["items"]]
    assert len({t["id"] for t in walked}) == len(walked)
    assert [t["name"] for t in walked[:7]] == [f"tag {n}" for n in reversed(range(7))], "newest first"


def test_pages_ordered_by_a_non_unique_key_neither_skip_nor_repeat(tenant_factory):
    tenant = tenant_factory()
    for n in range(5):
        body = {"key": f"same_place_{n}", "name": f"Same place {n}", "position": 7}
        assert tenant.post("/api/v1/pipeline/stages", json=body).status_code == 201
    everything = tenant.get("/api/v1/pipeline/stages", query_string={"limit": 100}).get_json()["items"]
    walked = walk(tenant, "/api/v1/pipeline/stages", limit=2)
    assert [s["id"] for s in walked] == [s["id"] for s in everything]
    assert [s["position"] for s in walked] == sorted(s["position"] for s in walked), "board order"
    assert sum(s["position"] == 7 for s in walked) == 5


def test_the_default_page_is_bounded(tenant_factory):
    tenant = tenant_factory()
    page = tenant.get("/api/v1/tags").get_json()
    assert set(page) == {"items", "next_cursor"}
    assert len(page["items"]) <= 50


def _token(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _stage_cursor(tenant) -> str:
    for n in range(2):
        tenant.post("/api/v1/pipeline/stages", json={"key": f"cursor_{n}", "name": f"Cursor {n}"})
    return tenant.get("/api/v1/pipeline/stages", query_string={"limit": 1}).get_json()["next_cursor"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 at all!",
        _token({"id": 1}),
        _token([]),
        _token([{}]),
        _token([7]),
        _token(["not-a-uuid"]),
        "stage-cursor",
    ],
)
def test_invalid_cursor_is_a_422_naming_cursor(tenant_factory, cursor):
    tenant = tenant_factory()
    if cursor == "stage-cursor":
        cursor = _stage_cursor(tenant)  # a real cursor, but of another list
    response = tenant.get("/api/v1/tags", query_string={"cursor": cursor})
    assert response.status_code == 422, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.get_json()["errors"]] == ["cursor"]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten"])
def test_limit_out_of_bounds_is_a_422_naming_limit(tenant_factory, limit):
    response = tenant_factory().get("/api/v1/tags", query_string={"limit": limit})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.get_json()["errors"]] == ["limit"]
    assert [e["location"] for e in response.get_json()["errors"]] == ["query"]


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_are_inclusive(tenant_factory, limit):
    response = tenant_factory().get("/api/v1/tags", query_string={"limit": limit})
    assert response.status_code == 200
    assert len(response.get_json()["items"]) <= int(limit)
