"""The agent's per-company settings: their JSON Schema, defaults and the effective configuration.

What the agent uses is, key by key: the company's stored settings
(``PUT /api/v1/plugins/ai-agent/settings``), else the company's blueprint
(``[plugins.ai-agent]`` in ``tenants/*.toml``), else ``DEFAULTS``.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from atrium.plugins import plugin_settings, tenant_config

PLUGIN_ID = "ai-agent"

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

STEP_SCHEMA = {
    "type": "object",
    "properties": {
        "key": {"type": "string", "pattern": r"^[a-z0-9_]{1,60}$", "description": "Identifies the step"},
        "intent": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "description": "What the question must find out",
        },
        "field": {
            "type": "string",
            "pattern": r"^[A-Za-z0-9_]{1,60}$",
            "description": "The contact's custom field the answer fills",
        },
        "question": {
            "type": "string",
            "maxLength": 500,
            "description": "The question as asked without a language model (scripted flow); default: the intent",
        },
    },
    "required": ["key", "intent", "field"],
    "additionalProperties": False,
}

SETTINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "base_url": {
            "type": ["string", "null"],
            "pattern": r"^https?://",
            "maxLength": 500,
            "description": "OpenAI-compatible endpoint (default: OpenAI's)",
        },
        "api_key": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "writeOnly": True,
            "description": "Provider API key",
        },
        "model": {"type": "string", "minLength": 1, "maxLength": 100, "description": "Chat model"},
        "fallback_model": {
            "type": ["string", "null"],
            "maxLength": 100,
            "description": "Used when the model fails (timeout, 429, 5xx) or answers nothing",
        },
        "embedding_model": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "Embeddings model (1,536 dimensions)",
        },
        "system_prompt": {"type": "string", "maxLength": 20000},
        "persona": {
            "type": "string",
            "maxLength": 200,
            "description": "The agent's name and role, as the lead sees it",
        },
        "temperature": {"type": "number", "minimum": 0, "maximum": 2},
        "max_tokens": {"type": "integer", "minimum": 16, "maximum": 8192},
        "max_replies_per_hour": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "Per conversation"},
        "opt_out_keywords": {
            "type": "array",
            "maxItems": 50,
            "items": {"type": "string", "minLength": 1, "maxLength": 50},
            "description": "A message containing one of these words switches the agent off for the contact",
        },
        "steps": {
            "type": "array",
            "maxItems": 30,
            "items": STEP_SCHEMA,
            "description": "Qualification steps, in order",
        },
        "business_hours": {
            "type": ["object", "null"],
            "properties": {
                "timezone": {"type": "string", "maxLength": 60},
                "days": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"type": "integer", "minimum": 1, "maximum": 7},
                    "description": "ISO weekdays (1 = Monday ... 7 = Sunday)",
                },
                "start": {"type": "string", "pattern": HHMM},
                "end": {"type": "string", "pattern": HHMM},
            },
            "required": ["start", "end"],
            "additionalProperties": False,
            "description": "When the agent answers; null: always",
        },
        "outside_hours": {
            "enum": ["reply", "silent"],
            "description": "Outside business hours: send outside_hours_message once, or stay silent",
        },
        "outside_hours_message": {"type": "string", "minLength": 1, "maxLength": 1000},
        "channel_ids": {
            "type": "array",
            "maxItems": 200,
            "items": {"type": "string", "pattern": UUID_PATTERN},
            "description": "Channels where the agent takes every new conversation; elsewhere only where a person switches it on",
        },
        "stages": {
            "type": "object",
            "properties": {
                name: {"type": ["string", "null"], "maxLength": 60}
                for name in ("qualified", "scheduled", "converted", "lost")
            },
            "additionalProperties": False,
            "description": "Pipeline stage the contact moves to when qualified, scheduled, converted or lost (null: none)",
        },
    },
    "additionalProperties": False,
}

DEFAULTS: dict[str, Any] = {
    "base_url": None,
    "model": "gpt-4o-mini",
    "fallback_model": None,
    "embedding_model": "text-embedding-3-small",
    "system_prompt": (
        "Você é o assistente virtual da empresa. Fale em português do Brasil, com cordialidade e objetividade. "
        "Responda apenas com base na base de conhecimento; se não souber, diga que uma pessoa da equipe vai confirmar."
    ),
    "persona": "Assistente",
    "temperature": 0.3,
    "max_tokens": 400,
    "max_replies_per_hour": 20,
    "opt_out_keywords": ["PARAR", "STOP", "SAIR", "DESCADASTRAR"],
    "steps": [],
    "business_hours": None,
    "outside_hours": "reply",
    "outside_hours_message": "Olá! Recebemos sua mensagem. Nosso atendimento volta no próximo horário comercial e responderemos assim que possível.",
    "channel_ids": [],
    "stages": {"qualified": "qualified", "scheduled": "meeting", "converted": "won", "lost": "lost"},
}


def _show_defaults(schema: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Write each default into its property as ``default``: forms show what applies to a key left unset
    (an annotation; validation ignores it)."""
    for name, value in defaults.items():
        schema["properties"][name]["default"] = value


_show_defaults(SETTINGS_SCHEMA, DEFAULTS)


#: Keys a blueprint's ``[plugins.ai-agent]`` may provide (the rest are the company's to set).
BLUEPRINT_KEYS = tuple(k for k in SETTINGS_SCHEMA["properties"] if k not in ("api_key", "base_url"))


@dataclass(frozen=True)
class Step:
    """One qualification step: the field it fills and what it asks."""

    key: str
    intent: str
    field: str
    question: str


@dataclass(frozen=True)
class AgentConfig:
    """The effective settings of one company."""

    base_url: str | None
    api_key: str | None
    model: str
    fallback_model: str | None
    embedding_model: str
    system_prompt: str
    persona: str
    temperature: float
    max_tokens: int
    max_replies_per_hour: int
    opt_out_keywords: tuple[str, ...]
    steps: tuple[Step, ...]
    business_hours: dict | None
    outside_hours: str
    outside_hours_message: str
    channel_ids: frozenset[uuid.UUID]
    stages: dict[str, str | None] = field(default_factory=dict)
    timezone: str = "America/Sao_Paulo"

    @property
    def has_provider(self) -> bool:
        """Whether a chat and embeddings provider is configured (an API key or an endpoint)."""
        return bool(self.api_key or self.base_url)

    def within_business_hours(self, at: dt.datetime) -> bool:
        """Whether ``at`` falls inside the business hours (always, when none are set)."""
        hours = self.business_hours
        if not hours:
            return True
        local = at.astimezone(zoneinfo.ZoneInfo(hours.get("timezone") or self.timezone))
        if local.isoweekday() not in hours.get("days", [1, 2, 3, 4, 5]):
            return False
        now = local.strftime("%H:%M")
        start, end = hours["start"], hours["end"]
        return start <= now < end if start <= end else now >= start or now < end


def blueprint_defaults(blueprint: dict | None) -> dict[str, Any]:
    """The agent's part of a blueprint, limited to the settings it may provide."""
    part = ((blueprint or {}).get("plugins") or {}).get(PLUGIN_ID) or {}
    return {k: v for k, v in part.items() if k in BLUEPRINT_KEYS}


def initial_settings(blueprint: dict | None) -> dict[str, Any]:
    """What a company starts with when it enables the agent: the defaults overlaid with its blueprint."""
    plain = {k: v for k, v in DEFAULTS.items() if v is not None}
    return {**plain, **blueprint_defaults(blueprint)}


def load_config(session) -> AgentConfig:
    """The effective configuration of the company ``session`` is bound to."""
    blueprint = tenant_config(session, "blueprint") or {}
    values = {**DEFAULTS, **blueprint_defaults(blueprint), **plugin_settings(session, PLUGIN_ID)}
    steps = tuple(
        Step(key=s["key"], intent=s["intent"], field=s["field"], question=s.get("question") or s["intent"])
        for s in values.get("steps") or ()
    )
    return AgentConfig(
        base_url=values.get("base_url") or None,
        api_key=values.get("api_key") or None,
        model=values["model"],
        fallback_model=values.get("fallback_model") or None,
        embedding_model=values["embedding_model"],
        system_prompt=values["system_prompt"],
        persona=values["persona"],
        temperature=float(values["temperature"]),
        max_tokens=int(values["max_tokens"]),
        max_replies_per_hour=int(values["max_replies_per_hour"]),
        opt_out_keywords=tuple(values["opt_out_keywords"]),
        steps=steps,
        business_hours=values.get("business_hours"),
        outside_hours=values["outside_hours"],
        outside_hours_message=values["outside_hours_message"],
        channel_ids=frozenset(uuid.UUID(c) for c in values.get("channel_ids") or ()),
        stages={**DEFAULTS["stages"], **(values.get("stages") or {})},
        timezone=blueprint.get("timezone") or "America/Sao_Paulo",
    )
