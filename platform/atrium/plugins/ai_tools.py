"""Tools that plugins contribute to the AI agent (hook ``register_ai_tools``).

A tool is a function the language model may call (OpenAI "tools" API): a
name, a description, a JSON Schema of its arguments and a handler. The AI
agent plugin collects the tools of the plugins a company enabled, offers them
to the model, validates the arguments the model sends against the schema and
calls the handler. See ``docs/plugin_hooks.md`` (``register_ai_tools``).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from atrium.tenancy.context import TenantRef

log = logging.getLogger(__name__)

TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


@dataclass(frozen=True)
class AIToolContext:
    """What a tool handler knows about the call.

    ``session`` is bound to the company's schema, in the agent's transaction
    (do not commit it). ``conversation_id`` is ``None`` in the test chat.
    ``lead`` holds ``contact_id``, ``name``, ``phone``, ``email``, ``interest``
    and ``answers`` (qualification answers by field). With ``dry_run`` (the
    test chat) a tool must not change anything outside the agent: it answers as
    if it had (e.g. a simulated booking).
    """

    tenant: TenantRef
    session: Session
    conversation_id: uuid.UUID | None
    lead: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False


@dataclass(frozen=True)
class AITool:
    """A function the AI agent may call.

    ``handler(context, arguments)`` receives an ``AIToolContext`` and the
    arguments (a dict already valid against ``parameters``) and returns a
    JSON-simple dict, shown to the model as the tool's result. It raises
    ``atrium.plugins.Invalid`` (or another ``Problem``) for a refusal the model
    should read (e.g. "this slot is no longer free"). A result holding a
    ``booking`` object records the lead's meeting on the conversation.
    A tool with ``in_context=True`` and no required arguments is also called with
    ``{}`` when the lead reaches the last qualification step, and its result is
    put into the model's context (free calendar slots).
    """

    name: str
    description: str
    parameters: dict[str, Any]
    handler: Callable[[AIToolContext, dict[str, Any]], dict[str, Any]]
    in_context: bool = False

    def __post_init__(self) -> None:
        if not TOOL_NAME.match(self.name):
            raise ValueError(f"AI tool name {self.name!r} must match {TOOL_NAME.pattern}")
        if self.parameters.get("type") != "object":
            raise ValueError(f"AI tool {self.name!r}: parameters must be a JSON Schema of type 'object'")

    def openai_spec(self) -> dict[str, Any]:
        """The tool as the OpenAI chat completions API expects it."""
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.parameters},
        }


def ai_tools(tenant: TenantRef) -> list[AITool]:
    """The AI tools contributed by the plugins ``tenant`` enabled; on a name clash the first plugin's wins."""
    from atrium.plugins.manager import get_plugin_manager
    from atrium.plugins.service import enabled_plugin_ids

    tools: dict[str, AITool] = {}
    for contributed in get_plugin_manager().call("register_ai_tools", plugin_ids=enabled_plugin_ids(tenant.id)):
        for tool in contributed:
            if not isinstance(tool, AITool):
                log.warning(
                    "register_ai_tools returned something that is not an AITool", extra={"tool": repr(tool)[:100]}
                )
            elif tool.name in tools:
                log.warning(
                    "two plugins contribute an AI tool with the same name; keeping the first", extra={"tool": tool.name}
                )
            else:
                tools[tool.name] = tool
    return list(tools.values())
