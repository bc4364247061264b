"""Cross-tenant isolation, proven by walking the OpenAPI document.

Company A gets at least one object of every resource. Then every operation
that declares ``bearerAuth`` is called with company B's token, A's ids in its
path parameters (and in any query or body field that names an object), and a
body built from the operation's own schema. Nothing B receives may mention
A's data, an operation on one of A's objects answers 404 (as if it did not
exist), and afterwards A reads exactly what it read before.

The walk is generic: a route added later is walked automatically. A path
parameter whose ids this test cannot produce fails the test loudly: register
where its ids come from in ``RESOURCES`` (or, for ids that are not tenant
data, such as plugin ids, in ``GLOBAL_PARAMS``). A resource whose routes are
not served (its plugin is not installed) is skipped.
"""

from __future__ import annotations

import io
import itertools
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest


@dataclass(frozen=True)
class Resource:
    """Tenant data addressed by a path parameter: how company A gets one, and where A lists them.

    ``collection`` may name a parent's parameter (``/contacts/{contact_id}/notes``):
    A's first id of the parent fills it. ``create(a, url, n)`` gives A a new object;
    by default it POSTs ``body(n)`` to the collection. A ``create`` that returns ids
    stands for a collection that cannot be listed.
    """

    collection: str
    body: Callable[[int], dict] | None = None
    create: Callable[..., None] | None = None
    list_query: dict = field(default_factory=dict)


def _inject_lead_message(a, url: str, n: int, ids: dict, request) -> None:
    """A lead writes to A's sandbox channel; wait until the worker has put it in A's inbox."""
    request.getfixturevalue("worker")
    channel = ids["channel_id"][0]
    sent = a.post(
        f"/api/v1/plugins/sandbox/channels/{channel}/inbound",
        json={"from": "+5511990000001", "name": "a-secret-lead", "text": f"a-secret-message-{n}"},
    )
    assert sent.status_code == 202, sent.get_json()
    deadline = time.monotonic() + 30
    while not a.get(url).get_json()["items"]:
        assert time.monotonic() < deadline, "the injected message never reached A's inbox"
        time.sleep(0.1)


def _upload_file(a, url: str, n: int, ids: dict, request) -> list[str]:
    """A uploads a file for a media message (uploads are not listed: the answer gives the id)."""
    pdf = (io.BytesIO(f"%PDF-1.4 a-secret-file-{n}".encode()), f"a-secret-file-{n}.pdf", "application/pdf")
    created = a.post(url, data={"file": pdf}, content_type="multipart/form-data")
    assert created.status_code == 201, created.get_json()
    return [created.get_json()["id"]]


RESOURCES: dict[str, Resource] = {
    "tag_id": Resource("/api/v1/tags", lambda n: {"name": f"a-secret-tag-{n}", "color": "#123456"}),
    "stage_id": Resource(
        "/api/v1/pipeline/stages", lambda n: {"key": f"a_secret_stage_{n}", "name": f"a-secret-stage-{n}"}
    ),
    "user_id": Resource(
        "/api/v1/users",
        lambda n: {
            "email": f"a-secret-agent-{uuid.uuid4().hex[:8]}@example.com",
            "name": f"a-secret-agent-{n}",
            "password": "a long secret password",
        },
    ),
    "channel_id": Resource("/api/v1/channels", lambda n: {"type": "sandbox", "name": f"a-secret-channel-{n}"}),
    "conversation_id": Resource("/api/v1/conversations", create=_inject_lead_message),
    "message_id": Resource("/api/v1/conversations/{conversation_id}/messages"),
    "contact_id": Resource("/api/v1/contacts", lambda n: {"name": f"a-secret-contact-{n}", "phone": "+5511990000002"}),
    "note_id": Resource("/api/v1/contacts/{contact_id}/notes", lambda n: {"text": f"a-secret-note-{n}"}),
    "document_id": Resource(
        "/api/v1/ai/knowledge", lambda n: {"title": f"a-secret-document-{n}", "text": f"a-secret-knowledge-{n}"}
    ),
    "upload_id": Resource("/api/v1/media", create=_upload_file),
    "subscription_id": Resource(
        "/api/v1/webhook-subscriptions",
        lambda n: {"url": f"https://a-secret-hook-{n}.invalid/in", "events": ["message.sent"], "active": False},
    ),
}
"""Path parameter name -> where company A's ids of that resource come from (parents first)."""

FIELD_ALIASES = {
    "assignee_id": "user_id",
    "assign": "user_id",
    "tag": "tag_id",
    "add_tag": "tag_id",
    "remove_tag": "tag_id",
    "reply_to": "message_id",
    "ids": "contact_id",
}
"""Body and query fields that name an object of a resource under another name."""

GLOBAL_PARAMS = {"plugin_id", "tenant_id"}
"""Parameters that address platform-wide things, not tenant data (answers may be 2xx, but must not leak A);
``tenant_id`` is A's own id (B answering an invitation A never sent it)."""

BODY_REFERENCES: dict[str, Callable[[Company], str]] = {"tenant": lambda a: a.slug}
"""Body fields that name another company: filled with A's."""

UNSTABLE_READS = {"/api/v1/contacts/{contact_id}/export": "stamped with the time, and every read is audited"}
"""GET operations left out of A's before/after comparison, with the reason."""

SAMPLE_STRINGS = ("walker", "walker_1", "walker-1", "#a1b2c3", "w1", "https://walker.invalid/in")
"""Tried in order for string fields with a ``pattern``; add one if a new pattern matches none
(URLs are in the reserved ``.invalid`` domain, so nothing is ever delivered anywhere)."""


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
            if "text/event-stream" in operation.get("responses", {}).get("200", {}).get("content", {}):
                continue  # a stream never ends: its isolation is tested in tests/test_realtime_sse.py
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


def fill(path: str, values: dict[str, str]) -> str:
    """``path`` with its ``{param}`` placeholders replaced."""
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


class Sampler:
    """Builds request values for one call as company B; remembers which of A's values it used."""

    def __init__(self, spec: dict, a: Company, where: str) -> None:
        self.spec, self.a, self.where = spec, a, where
        self.sent_a: set[str] = set()

    def _a_value(self, name: str) -> str | None:
        resource = FIELD_ALIASES.get(name, name)
        if resource in RESOURCES and self.a.ids.get(resource):
            value = self.a.ids[resource][0]
        elif name in BODY_REFERENCES:
            value = BODY_REFERENCES[name](self.a)
        else:
            return None
        self.sent_a.add(value)
        return value

    def sample(self, schema: dict, name: str) -> object:
        """A valid value of ``schema`` for a field called ``name`` (objects get every writable field)."""
        schema = resolve(self.spec, schema)
        a_value = self._a_value(name)
        if a_value is not None and schema.get("type") != "array":
            return a_value
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
            return [self.sample(schema.get("items", {}), name) for _ in range(max(schema.get("minItems", 0), 1))]
        if kind in ("integer", "number"):
            return schema.get("minimum", 0)
        if kind == "boolean":
            return True
        return self._string(schema, name)

    def _string(self, schema: dict, name: str) -> str:
        formats = {
            "uuid": lambda: str(uuid.uuid4()),
            "email": lambda: f"walker-{uuid.uuid4().hex[:12]}@example.com",
            "date-time": lambda: "2030-01-01T12:00:00+00:00",
        }
        if schema.get("format") in formats:
            return formats[schema["format"]]()
        low, high = schema.get("minLength", 1), schema.get("maxLength", 200)
        for candidate in SAMPLE_STRINGS:
            value = (candidate * low)[: max(low, len(candidate))][:high]
            if not schema.get("pattern") or re.search(schema["pattern"], value):
                return value
        pytest.fail(
            f"{self.where}: no sample string matches {schema['pattern']!r} of '{name}'; add one to SAMPLE_STRINGS"
        )


def substitutions(path: str, parameters: list[dict], a: Company) -> list[dict[str, str]]:
    """Every assignment of A's ids (or global ids) to the path parameters of ``path``."""
    names = [p["name"] for p in parameters if p["in"] == "path"]
    choices = []
    for name in names:
        if name not in RESOURCES and name not in GLOBAL_PARAMS:
            pytest.fail(
                f"path parameter '{name}' of {path} has no id source: register it in RESOURCES or GLOBAL_PARAMS"
            )
        choices.append(a.ids[name])
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*choices)]


def list_ids(tenant, url: str) -> list[str]:
    """Every id of the list at ``url`` as ``tenant`` sees it, across all pages."""
    ids, cursor = [], None
    while True:
        page = tenant.get(url, query_string={"limit": 100} | ({"cursor": cursor} if cursor else {}))
        assert page.status_code == 200, (url, page.get_json())
        ids += [item["id"] for item in page.get_json()["items"]]
        cursor = page.get_json()["next_cursor"]
        if cursor is None:
            return ids


def served(spec: dict, resource: Resource) -> bool:
    """Whether the app serves ``resource``'s collection (its plugin may not be installed)."""
    return resource.collection in spec["paths"]


def check_every_resource_is_registered(spec: dict) -> None:
    """Every bearerAuth operation that creates objects with an id must be the collection of a resource."""
    collections = {r.collection for r in RESOURCES.values()}
    for path, method, operation, _ in operations(spec):
        created = operation["responses"].get("201", {}).get("content", {}).get("application/json")
        if method == "POST" and created and "id" in resolve(spec, created["schema"]).get("properties", {}):
            assert path in collections, f"POST {path} creates objects with ids: register the resource in RESOURCES"


def snapshot(a_client, spec: dict, a: Company) -> dict[str, object]:
    """What company A reads from every GET operation, for every one of its ids."""
    seen = {}
    for path, method, _, parameters in operations(spec):
        if method != "GET" or path in UNSTABLE_READS:
            continue
        for values in substitutions(path, parameters, a):
            url = fill(path, values)
            query = {"limit": 100} if any(p["name"] == "limit" for p in parameters) else {}
            response = a_client.get(url, query_string=query)
            seen[url] = (response.status_code, response.get_data(as_text=True))
    return seen


def call_as_b(b, method: str, url: str, body: object, query: dict):
    """Send the request with B's token; if an earlier call ended B's session, log B in again first."""
    response = b.request(method, url, json=body, query_string=query)
    if response.status_code == 401 and b.get("/api/v1/auth/me").status_code == 401:
        login = b.client.post("/api/v1/auth/login", json={"email": b.email, "password": b.password})
        assert login.status_code == 200, login.get_json()
        b.access_token = login.get_json()["access_token"]
        response = b.request(method, url, json=body, query_string=query)
    return response


@pytest.fixture()
def companies(request, client, tenant_factory):
    """Company A (one object of every served resource, plus its blueprint's) and company B."""
    spec = client.get("/api/openapi.json").get_json()
    a_client, b = tenant_factory(blueprint="education"), tenant_factory(blueprint="education")
    plugin_ids = [p["id"] for p in a_client.get("/api/v1/plugins").get_json()["items"]]
    for tenant, plugin_id in itertools.product((a_client, b), plugin_ids):
        assert tenant.post(f"/api/v1/plugins/{plugin_id}/enable").status_code == 200, plugin_id
    ids: dict[str, list[str]] = {"plugin_id": plugin_ids or ["no-such-plugin"], "tenant_id": [a_client.tenant_id]}
    for n, (param, resource) in enumerate(RESOURCES.items(), start=1):
        url = fill(resource.collection, {parent: values[0] for parent, values in ids.items() if values})
        if not served(spec, resource):
            continue
        created_ids = None
        if resource.create:
            created_ids = resource.create(a_client, url, n, ids, request)
        elif resource.body:
            created = a_client.post(url, json=resource.body(n))
            assert created.status_code == 201, (url, created.get_json())
        ids[param] = created_ids or list_ids(a_client, url)
        assert ids[param], f"A has no {param}"
    me = a_client.get("/api/v1/auth/me").get_json()
    secrets = {i for param in RESOURCES for i in ids.get(param, [])}
    secrets |= {a_client.tenant_id, a_client.slug, a_client.email, me["tenant"]["name"], "a-secret"}
    return spec, a_client, Company(a_client.slug, ids, secrets), b


def test_tenant_b_never_reads_or_changes_tenant_a(companies):
    spec, a_client, a, b = companies
    check_every_resource_is_registered(spec)
    item_paths = {
        path
        for path, _, _, parameters in operations(spec)
        if any(p["in"] == "path" and p["name"] in RESOURCES for p in parameters)
    }
    assert {"/api/v1/tags/{tag_id}", "/api/v1/pipeline/stages/{stage_id}", "/api/v1/users/{user_id}"} <= item_paths
    assert all(len(a.ids[param]) >= 2 for param in ("tag_id", "stage_id", "user_id")), (
        "A's own object plus its blueprint's or its owner"
    )
    before = snapshot(a_client, spec, a)
    walked = 0

    for path, method, operation, parameters in operations(spec):
        for values in substitutions(path, parameters, a):
            url = fill(path, values)
            where = f"{method} {url}"
            sampler = Sampler(spec, a, where)
            query = {
                p["name"]: sampler.sample(p.get("schema", {}), p["name"])
                for p in parameters
                if p["in"] == "query" and p["name"] != "cursor"
            }
            schema = json_body_schema(spec, operation)
            body = sampler.sample(schema, "") if schema is not None else None
            response = call_as_b(b, method, url, body, query)
            walked += 1

            text = response.get_data(as_text=True)
            leaked = sorted(s for s in a.secrets - sampler.sent_a if s in text)
            assert not leaked, f"{where} as B revealed A's {leaked}: {text[:500]}"
            assert response.status_code < 500, f"{where}: {text[:500]}"
            assert response.status_code != 401, f"{where}: B's valid token was refused"
            if any(name in RESOURCES for name in values):
                assert response.status_code == 404, (
                    f"{where} with A's ids as B answered {response.status_code}, not 404: {text[:500]}"
                )
                assert response.mimetype == "application/problem+json"

    assert walked >= len(list(operations(spec)))
    assert snapshot(a_client, spec, a) == before, "B's walk changed what A reads"
