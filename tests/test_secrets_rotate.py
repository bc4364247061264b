"""Key rotation: `atrium secrets rotate` re-encrypts every stored secret with the first key of ATRIUM_SECRET_KEYS."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import text

from atrium import config
from atrium.db.session import public_session, tenant_session
from atrium.plugins import hookimpl, plugin_settings
from atrium.plugins.manager import get_plugin_manager

PLUGIN = "vault-probe"
SETTINGS = f"/api/v1/plugins/{PLUGIN}/settings"


class VaultPlugin:
    @hookimpl
    def register_settings_schema(self):
        return {"type": "object", "properties": {"token": {"type": "string", "writeOnly": True}}}


@pytest.fixture(autouse=True)
def vault_plugin(app):
    with get_plugin_manager().installed(VaultPlugin(), PLUGIN):
        yield


def _schema(company) -> str:
    with public_session() as db:
        return db.scalar(text("SELECT schema_name FROM public.tenants WHERE slug = :s"), {"s": company.slug})


def _raw(company) -> str:
    with tenant_session(_schema(company)) as db:
        return db.scalar(text("SELECT secrets FROM plugin_settings WHERE plugin_id = :p"), {"p": PLUGIN})


def _rotate(keys: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATRIUM_SECRET_KEYS": ",".join(keys)}
    return subprocess.run(
        [sys.executable, "-m", "atrium.cli", "--no-embedded", "secrets", "rotate", *args], env=env, capture_output=True, text=True
    )


def _use_keys(keys: list[str]) -> None:
    os.environ["ATRIUM_SECRET_KEYS"] = ",".join(keys)
    config.get_settings.cache_clear()


def test_rotation_moves_every_secret_to_the_new_key_so_the_old_one_can_go(tenant_factory):
    old = os.environ["ATRIUM_SECRET_KEYS"]
    new = Fernet.generate_key().decode()
    a, b = tenant_factory(), tenant_factory()
    a.put(SETTINGS, json={"token": "token-of-a"})
    b.put(SETTINGS, json={"token": "token-of-b"})
    try:
        run = _rotate([new, old])
        assert run.returncode == 0, run.stderr
        assert "re-encrypted" in run.stdout and "0 failed" in run.stdout
        assert "secrets: 100%" in run.stderr  # the progress bar
        for company, token in ((a, "token-of-a"), (b, "token-of-b")):
            raw = _raw(company)
            assert Fernet(new.encode()).decrypt(raw.encode()) == f'{{"token": "{token}"}}'.encode()
            with pytest.raises(InvalidToken):
                Fernet(old.encode()).decrypt(raw.encode())

        _use_keys([new])  # the old key is gone
        assert a.get(SETTINGS).get_json() == {"token": "********"}
        with tenant_session(_schema(b)) as db:
            assert plugin_settings(db, PLUGIN) == {"token": "token-of-b"}
    finally:
        _use_keys([old])
        back = _rotate([old, new])  # leave every tenant of this session as the other tests expect it
        assert back.returncode == 0, back.stderr


def test_a_tenant_whose_secret_no_key_opens_is_reported_and_the_others_are_rotated(tenant_factory):
    old = os.environ["ATRIUM_SECRET_KEYS"]
    new = Fernet.generate_key().decode()
    good, bad = tenant_factory(), tenant_factory()
    good.put(SETTINGS, json={"token": "token-of-good"})
    foreign = Fernet(Fernet.generate_key()).encrypt(b'{"token": "x"}').decode()
    with tenant_session(_schema(bad)) as db:
        db.execute(text("INSERT INTO plugin_settings (plugin_id, settings, secrets) VALUES (:p, '{}', :s)"), {"p": PLUGIN, "s": foreign})
    try:
        run = _rotate([new, old], "--tenant", good.slug, "--tenant", bad.slug)
        assert run.returncode == 1
        assert f"FAILED {_schema(bad)}: SecretKeyError" in run.stderr
        assert "1 re-encrypted in 1 tenant(s), 1 failed" in run.stdout
        Fernet(new.encode()).decrypt(_raw(good).encode())
        assert _raw(bad) == foreign
    finally:
        with tenant_session(_schema(bad)) as db:
            db.execute(text("DELETE FROM plugin_settings WHERE plugin_id = :p"), {"p": PLUGIN})
        assert _rotate([old, new], "--tenant", good.slug).returncode == 0


def test_an_unknown_tenant_is_refused():
    run = _rotate([os.environ["ATRIUM_SECRET_KEYS"]], "--tenant", "no-such-company")
    assert run.returncode == 2
    assert "no such tenant: no-such-company" in run.stderr


def test_new_key_prints_a_usable_key():
    run = subprocess.run([sys.executable, "-m", "atrium.cli", "--no-embedded", "secrets", "new-key"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    Fernet(run.stdout.strip().encode())  # a valid key


def test_a_malformed_key_is_named_as_such():
    run = _rotate(["not-a-fernet-key", os.environ["ATRIUM_SECRET_KEYS"]])
    assert run.returncode != 0
    assert "not a Fernet key" in run.stderr + run.stdout
    assert "not-a-fernet-key" not in run.stderr + run.stdout
