"""Every hook is documented in docs/plugin_hooks.md under its exact signature, named by its verb family, with a docstring."""

from __future__ import annotations

import re
from pathlib import Path

from atrium.plugins.manager import get_plugin_manager

DOC = Path(__file__).parents[1] / "docs" / "plugin_hooks.md"
FAMILIES = ("register_", "on_", "resolve_", "prepare_")


def _hookspecs() -> dict:
    pm = get_plugin_manager()
    callers = (getattr(pm.hook, name) for name in dir(pm.hook) if not name.startswith("_"))
    return {caller.name: caller.spec for caller in callers if caller.has_spec()}


def _documented() -> set[str]:
    return set(re.findall(r"^## `([^`]+)`\s*$", DOC.read_text(), flags=re.MULTILINE))


def test_every_hook_is_documented_under_its_exact_signature():
    specs = _hookspecs()
    assert specs, "no hook specifications found"
    signatures = {f"{name}({', '.join(spec.argnames)})" for name, spec in specs.items()}
    documented = _documented()
    assert sorted(signatures - documented) == [], "hooks missing from docs/plugin_hooks.md (heading: ## `name(args)`)"
    assert sorted(documented - signatures) == [], "docs/plugin_hooks.md documents hooks or signatures that do not exist"


def test_every_hook_is_named_by_its_verb_family():
    misnamed = [name for name in _hookspecs() if not (name.startswith(FAMILIES) or name.endswith("_wrapper"))]
    assert misnamed == [], "hook names start with register_/on_/resolve_/prepare_ or end with _wrapper"


def test_only_resolve_hooks_stop_at_the_first_answer():
    wrong = [name for name, spec in _hookspecs().items() if bool(spec.opts.get("firstresult")) != name.startswith("resolve_")]
    assert wrong == [], "resolve_* hooks are firstresult=True, and only they are"


def test_every_hook_has_a_docstring():
    undocumented = [name for name, spec in _hookspecs().items() if not (spec.function.__doc__ or "").strip()]
    assert undocumented == []
