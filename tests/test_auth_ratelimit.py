"""Login attempts are limited per account and per client address (Redis), answered with 429."""

import os
import uuid

import pytest

from atrium.config import get_settings

LIMITS = {"ATRIUM_LOGIN_LIMIT_PER_ACCOUNT": "3", "ATRIUM_LOGIN_LIMIT_PER_IP": "5", "ATRIUM_LOGIN_LIMIT_WINDOW": "120"}


@pytest.fixture()
def low_limits(app):
    """Run the test with 3 attempts per account and 5 per address in 120 s."""
    saved = {k: os.environ.get(k) for k in LIMITS}
    os.environ.update(LIMITS)
    get_settings.cache_clear()
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key)
        else:
            os.environ[key] = value
    get_settings.cache_clear()


def new_ip():
    n = uuid.uuid4().int
    return f"10.3.{n % 250}.{n // 250 % 250 + 1}"


def login(client, email, password, ip=None):
    body = {"email": email, "password": password}
    return client.post("/api/v1/auth/login", json=body, environ_base={"REMOTE_ADDR": ip or new_ip()})


def assert_rate_limited(response):
    assert response.status_code == 429, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= 120


def test_too_many_attempts_on_one_account_are_429(client, tenant_factory, low_limits):
    t, other = tenant_factory(), tenant_factory()

    attempts = [login(client, t.email, "wrong password!!") for _ in range(3)]  # each from its own address

    assert [r.status_code for r in attempts] == [401] * 3
    assert_rate_limited(login(client, t.email, "wrong password!!"))
    assert_rate_limited(login(client, t.email.upper(), t.password))  # even the right password waits
    assert login(client, other.email, other.password).status_code == 200  # other accounts are not affected


def test_too_many_attempts_from_one_address_are_429(client, tenant_factory, low_limits):
    t = tenant_factory()
    ip = new_ip()

    attempts = [login(client, f"guess-{n}@example.com", "wrong password!!", ip) for n in range(5)]

    assert [r.status_code for r in attempts] == [401] * 5
    assert_rate_limited(login(client, t.email, t.password, ip))
    assert login(client, t.email, t.password).status_code == 200  # the account itself is fine elsewhere


def test_a_successful_login_resets_the_account_counter(client, tenant_factory, low_limits):
    t = tenant_factory()
    assert [login(client, t.email, "wrong password!!").status_code for _ in range(2)] == [401, 401]

    assert login(client, t.email, t.password).status_code == 200

    assert [login(client, t.email, "wrong password!!").status_code for _ in range(3)] == [401] * 3


def test_password_guesses_through_signup_count_too(client, tenant_factory, low_limits):
    t = tenant_factory()
    body = {"company": "Guess Co", "name": "X", "email": t.email, "password": "wrong password!!"}

    guesses = [
        client.post("/api/v1/signup", json={**body, "slug": f"g-{uuid.uuid4().hex[:8]}"}, environ_base={"REMOTE_ADDR": new_ip()})
        for _ in range(3)
    ]

    assert [r.status_code for r in guesses] == [409] * 3
    assert_rate_limited(login(client, t.email, t.password))


@pytest.fixture()
def behind_one_proxy(low_limits):
    """An app configured with one trusted reverse proxy in front (ATRIUM_TRUSTED_PROXIES=1)."""
    from atrium.app import create_app

    os.environ["ATRIUM_TRUSTED_PROXIES"] = "1"
    get_settings.cache_clear()
    try:
        yield create_app({"TESTING": True}).test_client()
    finally:
        os.environ.pop("ATRIUM_TRUSTED_PROXIES")
        get_settings.cache_clear()


def test_behind_a_trusted_proxy_each_client_address_is_limited_on_its_own(behind_one_proxy, tenant_factory):
    t, proxy = tenant_factory(), new_ip()

    def via_proxy(client_ip: str, email: str, password: str):
        return behind_one_proxy.post(
            "/api/v1/auth/login",
            json={"email": email, "password": password},
            environ_base={"REMOTE_ADDR": proxy},
            headers={"X-Forwarded-For": client_ip},
        )

    attacker = new_ip()
    assert [via_proxy(attacker, f"g{n}@example.com", "wrong password!!").status_code for n in range(5)] == [401] * 5
    assert_rate_limited(via_proxy(attacker, t.email, t.password))
    assert via_proxy(new_ip(), t.email, t.password).status_code == 200  # another client behind the same proxy


def test_without_trusted_proxies_a_forged_forwarded_address_does_not_escape_the_limit(client, tenant_factory, low_limits):
    t, ip = tenant_factory(), new_ip()

    def forged(n: int, email: str, password: str):
        body = {"email": email, "password": password}
        return client.post(
            "/api/v1/auth/login", json=body, environ_base={"REMOTE_ADDR": ip}, headers={"X-Forwarded-For": f"10.9.9.{n}"}
        )

    assert [forged(n, f"g{n}@example.com", "wrong password!!").status_code for n in range(5)] == [401] * 5
    assert_rate_limited(forged(99, t.email, t.password))
