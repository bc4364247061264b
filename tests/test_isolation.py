"""Cross-tenant isolation, proven by walking the OpenAPI document.

Company A creates at least one object of every resource. Then every operation
that declares ``bearerAuth`` is called with company B's token, A's ids in its
path parameters (and in any query or body field that names an object), and a
valid body built from the operation's own schema. Nothing B receives
may mention A's data, an operation on one of A's objects answers 404 (as if
it did not exist), and afterwards A reads exactly what it read before.

The walk is generic: a route added later is walked automatically. A path
parameter, or an id-like body field, whose ids this test cannot produce fails
the test loudly: register where its ids come from in ``RESOURCES`` (or, for
ids that are not tenant data, such as plugin ids, in ``GLOBAL_PARAMS``).
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Resource:
    """Tenant data addressed by a path parameter: the collection that creates and lists it."""

    collection: str
    body: Callable[[int], dict]


RESOURCES: dict[str, Resource] = {
    "tag_id": Resource("/api/v1/tags", lambda n: {"name": f"a-secret-tag-{n}", "color": "#123456"}),
    "stage_id": Resource("/api/v1/pipeline/stages", lambda n: {"key": f"a_secret_stage_{n}", "name": f"a-secret-stage-{n}"}),
    "user_id": Resource(
        "/api/v1/users",
        lambda n: {"email": f"a-secret-agent-{n}@example.com", "name": f"a-secret-agent-{n}", "password": "a long secret password"},
    ),
    "channel_id": Resource(
        "/api/v1/channels",
        lambda n: {
            "type": "sandbox",
            "name": f"a-secret-channel-{n}",
            "config": {"number": f"+55119{uuid.uuid4().int % 10**8:08d}", "secret": f"a-secret-webhook-secret-{n}"},
        },
    ),
}
"""Path parameter (or body/query field) name -> where company A's ids of that resource come from."""

GLOBAL_PARAMS = {"plugin_id"}
"""Parameters that address platform-wide things, not tenant data (answers may be 2xx, but must not leak A)."""

BODY_REFERENCES: dict[str, Callable[["Company"], str]] = {"tenant": lambda a: a.slug}
"""Body fields that name another company: filled with A's, so B's call must fail."""

SAMPLE_STRINGS = ("walker", "walker_1", "walker-1", "#a1b2c3", "w1")
"""Tried in order for string fields with a ``pattern``; add one if a new pattern matches none."""


@dataclass
class Company:
    """What the walk knows about company A."""

    slug: str
    ids: dict[str, list[str]]
    secrets: set[str]


def operations(spec: dict) -> Iterator[tuple[str, str, dict, list[dict]]]:
    """Every ``(path, METHOD, operation, parameters)`` of ``spec`` that declares bearerAuth."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or not any("bearerAuth" in s for s in operation.get("security", [])):
                continue
            yield path, method.upper(), operation, [*item.get("parameters", []), *operation.get("parameters", [])]


def resolve(spec: dict, schema: dict) -> dict:
    """``schema`` with its ``$ref`` (if any) followed."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def json_body_schema(spec: dict, operation: dict) -> dict | None:
    """The JSON request body schema of ``operation``, if it takes one."""
    content = operation.get("requestBody", {}).get("content", {})
    return resolve(spec, content["application/json"]["schema"]) if "application/json" in content else None


class Walker:
    """Calls operations as company B and checks what comes back."""

    def __init__(self, spec: dict, a: Company, b, where: str = "") -> None:
        self.spec, self.a, self.b = spec, a, b
        self.where = where
        self.uses_a = False

    # -- sample values -------------------------------------------------------------------------

    def sample(self, schema: dict, name: str) -> object:
        """A valid value of ``schema`` for a field called ``name`` (objects get every writable field)."""
        schema = resolve(self.spec, schema)
        if name in RESOURCES:
            self.uses_a = True
            return self.a.ids[name][0]
        if name in BODY_REFERENCES:
            self.uses_a = True
            return BODY_REFERENCES[name](self.a)
        if schema.get("enum"):
            return next(v for v in schema["enum"] if v is not None)
        types = schema.get("type", "object")
        kind = next(t for t in types if t != "null") if isinstance(types, list) else types
        if kind == "object":
            return {
                key: self.sample(sub, key)
                for key, sub in schema.get("properties", {}).items()
                if not resolve(self.spec, sub).get("readOnly")
            }
        if kind == "array":
            return [self.sample(schema.get("items", {}), name) for _ in range(schema.get("minItems", 0))]
        if kind in ("integer", "number"):
            return schema.get("minimum", 0)
        if kind == "boolean":
            return True
        return self._string(schema, name)

    def _string(self, schema: dict, name: str) -> str:
        fmt = schema.get("format")
        if fmt == "uuid":
            pytest.fail(f"{self.where}: field '{name}' is an id with no id source; register it in RESOURCES or GLOBAL_PARAMS")
        if fmt == "email":
            return f"walker-{uuid.uuid4().hex[:12]}@example.com"
        if fmt == "date-time":
            return "2030-01-01T12:00:00+00:00"
        low, high = schema.get("minLength", 1), schema.get("maxLength", 200)
        for candidate in SAMPLE_STRINGS:
            value = (candidate * low)[: max(low, len(candidate))][:high]
            if not schema.get("pattern") or re.search(schema["pattern"], value):
                return value
        pytest.fail(f"{self.where}: no sample string matches {schema['pattern']!r} of '{name}'; add one to SAMPLE_STRINGS")

    # -- calls ---------------------------------------------------------------------------------

    def call(self, method: str, url: str, body: object, query: dict):
        """Send the request with B's token; if an earlier call ended B's session, log B in again first."""
        response = self.b.request(method, url, json=body, query_string=query)
        if response.status_code == 401 and self.b.get("/api/v1/auth/me").status_code == 401:
            login = self.b.client.post("/api/v1/auth/login", json={"email": self.b.email, "password": self.b.password})
            assert login.status_code == 200, login.get_json()
            self.b.access_token = login.get_json()["access_token"]
            response = self.b.request(method, url, json=body, query_string=query)
        return response


def substitutions(path: str, parameters: list[dict], a: Company) -> list[dict[str, str]]:
    """Every assignment of A's ids (or global ids) to the path parameters of ``path``."""
    names = [p["name"] for p in parameters if p["in"] == "path"]
    choices = []
    for name in names:
        if name not in RESOURCES and name not in GLOBAL_PARAMS:
            pytest.fail(f"path parameter '{name}' of {path} has no id source: register it in RESOURCES or GLOBAL_PARAMS")
        choices.append(a.ids[name])
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*choices)]


def fill(path: str, values: dict[str, str]) -> str:
    """``path`` with its ``{param}`` placeholders replaced."""
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def list_ids(tenant, collection: str) -> list[str]:
    """Every id of ``collection`` as ``tenant`` sees it, across all pages."""
    ids, cursor = [], None
    while True:
        page = tenant.get(collection, query_string={"limit": 100} | ({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, (collection, page.get_json())
        ids += [item["id"] for item in page.get_json()["items"]]
        cursor = page.get_json()["next_cursor"]
        if cursor is None:
            return ids


def check_every_resource_is_registered(spec: dict) -> None:
    """Every bearerAuth collection that creates objects with an id must be in ``RESOURCES``."""
    collections = {r.collection for r in RESOURCES.values()}
    for path, method, operation, _ in operations(spec):
        created = operation["responses"].get("201", {}).get("content", {}).get("application/json")
        if method == "POST" and "{" not in path and created and "id" in resolve(spec, created["schema"]).get("properties", {}):
            assert path in collections, f"POST {path} creates objects with ids: register the resource in RESOURCES"


def snapshot(a_client, spec: dict, a: Company) -> dict[str, object]:
    """What company A reads from every GET operation, for every one of its ids."""
    seen = {}
    for path, method, _, parameters in operations(spec):
        if method != "GET":
            continue
        for values in substitutions(path, parameters, a):
            url = fill(path, values)
            query = {"limit": 100} if any(p["name"] == "limit" for p in parameters) else {}
            response = a_client.get(url, query_string=query)
            seen[url] = (response.status_code, response.get_json())
    return seen


@pytest.fixture()
def companies(client, tenant_factory):
    """Company A (with one object of every resource, plus its blueprint's) and company B."""
    a_client, b = tenant_factory(blueprint="education"), tenant_factory(blueprint="education")
    plugin_ids = [p["id"] for p in a_client.get("/api/v1/plugins").get_json()["items"]]
    for tenant, plugin_id in itertools.product((a_client, b), plugin_ids):
        assert tenant.post(f"/api/v1/plugins/{plugin_id}/enable").status_code == 200, plugin_id
    ids: dict[str, list[str]] = {"plugin_id": plugin_ids or ["no-such-plugin"]}
    for n, (param, resource) in enumerate(RESOURCES.items(), start=1):
        created = a_client.post(resource.collection, json=resource.body(n))
        assert created.status_code == 201, (resource.collection, created.get_json())
        ids[param] = list_ids(a_client, resource.collection)
        assert created.get_json()["id"] in ids[param]
    me = a_client.get("/api/v1/auth/me").get_json()
    secrets = {i for param in RESOURCES for i in ids[param]}
    secrets |= {a_client.tenant_id, a_client.slug, a_client.email, me["tenant"]["name"], "a-secret"}
    return a_client, Company(a_client.slug, ids, secrets), b


def test_tenant_b_never_reads_or_changes_tenant_a(client, companies):
    a_client, a, b = companies
    spec = client.get("/api/openapi.json").get_json()
    check_every_resource_is_registered(spec)
    before = snapshot(a_client, spec, a)
    walked = 0

    for path, method, operation, parameters in operations(spec):
        for values in substitutions(path, parameters, a):
            where = f"{method} {fill(path, values)}"
            walker = Walker(spec, a, b, where)
            walker.uses_a = any(name in RESOURCES for name in values)
            query = {
                p["name"]: walker.sample(p.get("schema", {}), p["name"])
                for p in parameters
                if p["in"] == "query" and (p.get("required") or p["name"] in RESOURCES)
            }
            schema = json_body_schema(spec, operation)
            body = walker.sample(schema, "") if schema is not None else None
            response = walker.call(method, fill(path, values), body, query)
            walked += 1

            text = response.get_data(as_text=True)
            leaked = sorted(s for s in a.secrets if s in text)
            assert not leaked, f"{where} as B revealed A's {leaked}: {text[:500]}"
            assert response.status_code < 500, f"{where}: {text[:500]}"
            assert response.status_code != 401, f"{where}: B's valid token was refused"
            if any(name in RESOURCES for name in values):
                assert response.status_code == 404, f"{where} with A's ids as B answered {response.status_code}, not 404: {text[:500]}"
                assert response.mimetype == "application/problem+json"
            elif walker.uses_a:
                assert not 200 <= response.status_code < 300, f"{where} with A's references as B succeeded: {text[:500]}"
            else:
                assert response.status_code != 422, f"{where}: the walker's sample body {json.dumps(body)} is not valid: {text[:500]}"

    assert walked >= len(list(operations(spec)))
    after = snapshot(a_client, spec, a)
    assert after == before, "B's walk changed what A reads"


def test_the_walk_covers_the_core_resources(client, companies):
    """Guards the walk itself: the core's item routes are tenant data, and A has several ids of each."""
    _, a, _ = companies
    spec = client.get("/api/openapi.json").get_json()
    item_paths = {path for path, _, _, parameters in operations(spec) if any(p["in"] == "path" and p["name"] in RESOURCES for p in parameters)}
    assert {"/api/v1/tags/{tag_id}", "/api/v1/pipeline/stages/{stage_id}", "/api/v1/users/{user_id}"} <= item_paths
    assert all(len(a.ids[param]) >= 2 for param in RESOURCES), "A's own object plus its blueprint's or its owner"
