"""The per-process cache of hot-path lookups: loads once, expires, forgets, never keeps 'not found'."""

from __future__ import annotations

from atrium.local_cache import LocalCache


class Lookup:
    """Counts loads (a stand-in for a database query) and answers from ``values``."""

    def __init__(self, **values: str) -> None:
        self.values, self.loads = values, 0

    def __call__(self, key: str):
        def load():
            self.loads += 1
            return self.values.get(key)

        return load


def test_a_found_value_is_loaded_once_and_forget_reloads_it():
    cache, lookup = LocalCache(seconds=60), Lookup(a="canal A")
    assert [cache.get("a", lookup("a")) for _ in range(3)] == ["canal A"] * 3
    assert lookup.loads == 1
    lookup.values["a"] = "canal A (editado)"
    cache.forget("a")
    assert cache.get("a", lookup("a")) == "canal A (editado)" and lookup.loads == 2


def test_not_found_is_asked_again_next_time():
    cache, lookup = LocalCache(seconds=60), Lookup()
    assert cache.get("new", lookup("new")) is None
    lookup.values["new"] = "acabou de ser criado"
    assert cache.get("new", lookup("new")) == "acabou de ser criado"


def test_expired_values_are_loaded_again_and_a_full_cache_starts_afresh():
    expired, lookup = LocalCache(seconds=0), Lookup(a="x")
    expired.get("a", lookup("a"))
    expired.get("a", lookup("a"))
    assert lookup.loads == 2
    small, many = LocalCache(seconds=60, size=2), Lookup(a="1", b="2", c="3")
    for key in "abc":
        small.get(key, many(key))
    small.get("c", many("c"))
    small.get("a", many("a"))
    assert many.loads == 4  # "a" was dropped when "c" came in; "c" stayed
