"""Fernet encryption of stored secrets, with key rotation.

``ATRIUM_SECRET_KEYS`` is a comma-separated list of Fernet keys: the first
encrypts, all of them decrypt. To rotate, put a new key first and run
``atrium secrets rotate``, which re-encrypts every stored secret with it;
then the old key can be removed. A column holding values from ``encrypt``
is declared with ``info=ENCRYPTED`` so that the rotation finds it.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from atrium.config import get_settings


ENCRYPTED = {"encrypted": True}


class SecretKeyError(RuntimeError):
    """No usable key, or a value that no configured key can decrypt."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise SecretKeyError("ATRIUM_SECRET_KEYS is not set")
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError as exc:  # the message would not name the key; neither do we
        raise SecretKeyError("ATRIUM_SECRET_KEYS holds a value that is not a Fernet key (see `atrium secrets new-key`)") from None


def _current() -> MultiFernet:
    return _fernet(get_settings().secret_keys)


def check_keys() -> None:
    """Raise ``SecretKeyError`` unless ``ATRIUM_SECRET_KEYS`` holds one or more valid keys."""
    _current()


def encrypt(plaintext: str) -> str:
    """Encrypt ``plaintext`` with the primary key."""
    return _current().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a value encrypted with any configured key."""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretKeyError("a stored secret cannot be decrypted with the configured keys") from exc


def new_key() -> str:
    """A fresh Fernet key, for ``ATRIUM_SECRET_KEYS``."""
    return Fernet.generate_key().decode()


def rotate(token: str) -> str:
    """Re-encrypt ``token`` with the primary key."""
    try:
        return _current().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretKeyError("a stored secret cannot be decrypted with the configured keys") from exc
