"""Forged, expired, foreign and revoked access tokens are refused with 401 on every authenticated route.

The routes are read from the app itself (``url_map``) and checked against the
OpenAPI document, so a new route is covered, or flagged, without editing this file.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import time
import uuid
from dataclasses import dataclass

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

PUBLIC = {("POST", "/api/v1/signup"), ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/refresh")}
CLAIMS = ("iss", "aud", "sub", "tid", "sid", "jti", "iat", "nbf", "exp")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(header: dict, claims: dict, key: bytes | None = None, digest=hashlib.sha256) -> str:
    """A compact JWS signed by hand with HMAC (the real secret unless ``key`` is given)."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    key = key if key is not None else os.environ["ATRIUM_JWT_SECRET"].encode()
    return f"{signing_input}.{b64(hmac.new(key, signing_input.encode(), digest).digest())}"


def unsigned(header: dict, claims: dict) -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}."


def claims_of(token: str) -> dict:
    return jwt.decode(token, OctKey.import_key(os.environ["ATRIUM_JWT_SECRET"].encode())).claims


def concrete(rule: str) -> str:
    """The rule with a random uuid for every path parameter."""
    return re.sub(r"<[^>]+>", lambda _: str(uuid.uuid4()), rule)


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


@pytest.fixture(scope="module")
def api_routes(app):
    """Every (method, rule) the app serves under /api/v1."""
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


@pytest.fixture(scope="module")
def secured(api_routes):
    """The routes that need a token; logout last, since it ends the session it is called with."""
    return sorted((r for r in api_routes if r not in PUBLIC), key=lambda r: r[1] == "/api/v1/auth/logout")


@pytest.fixture(scope="module")
def world(app):
    """Companies signed up through the API: ours (attacked), theirs, one signed out, one for the control."""
    client = app.test_client()

    def signup():
        slug = f"tok-{uuid.uuid4().hex[:10]}"
        body = {"company": "Token Co", "slug": slug, "name": "Owner", "email": f"{slug}@example.com", "password": "correct horse battery"}
        response = client.post("/api/v1/signup", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["access_token"]

    world = {name: signup() for name in ("ours", "theirs", "gone", "control")}
    assert client.post("/api/v1/auth/logout", headers=bearer(world["gone"])).status_code == 204
    return world


@dataclass
class Genuine:
    """Material an attacker starts from: our real token and its claims, and another company's claims."""

    token: str
    claims: dict
    theirs: dict
    revoked: str

    @property
    def now(self) -> int:
        return int(time.time())

    def resigned(self, **changes) -> str:
        """Our claims with ``changes``, signed with the real secret."""
        return forge({"alg": "HS256", "typ": "JWT"}, {**self.claims, **changes})


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _tamper(token: str, **changes) -> str:
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return f"{head}.{b64(json.dumps({**claims, **changes}).encode())}.{signature}"


def _flip_signature(token: str) -> str:
    head, payload, signature = token.split(".")
    return f"{head}.{payload}.{signature[:-4]}{'AAAA' if signature[-4:] != 'AAAA' else 'BBBB'}"


ATTACKS = {
    "alg none": lambda g: bearer(unsigned({"alg": "none", "typ": "JWT"}, g.claims)),
    "alg None": lambda g: bearer(unsigned({"alg": "None"}, g.claims)),
    "alg none with a signature": lambda g: bearer(forge({"alg": "none"}, g.claims)),
    "no alg": lambda g: bearer(forge({"typ": "JWT"}, g.claims)),
    "HS256 signed with another key": lambda g: bearer(forge({"alg": "HS256"}, g.claims, key=b"not-the-secret-" * 4)),
    "RS256 signed with an RSA key": lambda g: bearer(
        jwt.encode({"alg": "RS256"}, g.claims, RSAKey.generate_key(2048), algorithms=["RS256"])
    ),
    "RS256 header over an HMAC (key confusion)": lambda g: bearer(forge({"alg": "RS256"}, g.claims)),
    "HS512 with the real secret": lambda g: bearer(forge({"alg": "HS512"}, g.claims, digest=hashlib.sha512)),
    "expired": lambda g: bearer(g.resigned(iat=g.now - 1000, nbf=g.now - 1000, exp=g.now - 100)),
    "not yet valid": lambda g: bearer(g.resigned(nbf=g.now + 600, exp=g.now + 900)),
    "issued in the future": lambda g: bearer(g.resigned(iat=g.now + 600)),
    "tampered payload": lambda g: bearer(_tamper(g.token, sub=g.theirs["sub"])),
    "tampered signature": lambda g: bearer(_flip_signature(g.token)),
    "wrong audience": lambda g: bearer(g.resigned(aud="another-api")),
    "audience list without ours": lambda g: bearer(g.resigned(aud=["another-api"])),
    "wrong issuer": lambda g: bearer(g.resigned(iss="https://evil.example")),
    "another tenant's claims": lambda g: bearer(g.resigned(tid=g.theirs["tid"])),
    "another tenant's user": lambda g: bearer(g.resigned(sub=g.theirs["sub"])),
    "unknown user": lambda g: bearer(g.resigned(sub=str(uuid.uuid4()))),
    "tenant id not a string": lambda g: bearer(g.resigned(tid=42)),
    "revoked (after logout)": lambda g: bearer(g.revoked),
    "not a JWT": lambda g: bearer("definitely-not-a-token"),
    **{
        f"missing {name}": lambda g, name=name: bearer(forge({"alg": "HS256"}, {k: v for k, v in g.claims.items() if k != name}))
        for name in CLAIMS
    },
    "no Authorization header": lambda g: {},
    "empty bearer": lambda g: {"Authorization": "Bearer "},
    "another scheme": lambda g: {"Authorization": f"Basic {base64.b64encode(b'owner:password').decode()}"},
    "token without scheme": lambda g: {"Authorization": g.token},
}


@pytest.fixture(scope="module")
def genuine(world):
    return Genuine(world["ours"], claims_of(world["ours"]), claims_of(world["theirs"]), world["gone"])


def test_every_api_route_is_public_by_design_or_declares_bearer_auth(app, api_routes):
    paths = app.test_client().get("/api/openapi.json").get_json()["paths"]
    undeclared = [
        (method, rule)
        for method, rule in api_routes
        if (method, rule) not in PUBLIC
        and {"bearerAuth": []} not in paths.get(openapi_path(rule), {}).get(method.lower(), {}).get("security", [])
    ]

    assert undeclared == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_token_is_refused_on_every_authenticated_route(app, secured, genuine, attack):
    client = app.test_client()
    headers = ATTACKS[attack](genuine)
    accepted = []
    for method, rule in secured:
        response = client.open(concrete(rule), method=method, headers=headers)
        if response.status_code != 401 or response.mimetype != "application/problem+json":
            accepted.append((method, rule, response.status_code))

    assert accepted == []


def test_the_genuine_token_passes_every_route(app, secured, world):
    """The control: the same requests with the real token are not refused for authentication."""
    client = app.test_client()
    headers = bearer(world["control"])

    refused = [(m, r) for m, r in secured if client.open(concrete(r), method=m, headers=headers).status_code == 401]

    assert refused == []
