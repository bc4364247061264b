"""Calls to the OpenAI-compatible provider (chat and embeddings), with the fallback model and usage records.

The ``openai`` client talks through an ``httpx`` client (the HTTP library of
the rest of Atrium), without the client's own retries: a timeout, a 429, a
5xx, a connection error or an answer with neither text nor tool calls is
retried once with the fallback model (the same model when none is set).
Every call, failed or not, is recorded in ``ai_agent_usage`` (model,
tokens, latency, outcome) in its own transaction, so failures are counted too.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import openai

from atrium.plugins import current_tenant, tenant_session
from atrium_ai_agent.models import EMBEDDING_DIMENSIONS, Usage
from atrium_ai_agent.settings import AgentConfig

log = logging.getLogger(__name__)

CHAT_TIMEOUT = 30.0
EMBEDDING_TIMEOUT = 60.0
EMBEDDING_BATCH = 64


class ProviderUnavailable(Exception):
    """Every attempt failed (or answered nothing); ``outcomes`` lists what happened to each model."""

    def __init__(self, outcomes: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(f"{model}: {outcome}" for model, outcome in outcomes))
        self.outcomes = outcomes


class EmbeddingError(Exception):
    """The embeddings provider failed or returned vectors of the wrong size."""


@dataclass(frozen=True)
class ChatResult:
    """The assistant message (``content``, ``tool_calls``) and the model that wrote it."""

    model: str
    message: Any


def client_for(config: AgentConfig, timeout: float) -> openai.OpenAI:
    """An ``openai`` client for the company's endpoint and key (no retries of its own)."""
    return openai.OpenAI(
        api_key=config.api_key or "not-needed",
        base_url=config.base_url or None,
        max_retries=0,
        timeout=timeout,
        http_client=httpx.Client(timeout=timeout),
    )


def record_usage(
    purpose: str, model: str, outcome: str, started: float, usage: Any = None, conversation_id=None
) -> None:
    """Write one ``ai_agent_usage`` row for the current company, in its own transaction."""
    row = Usage(
        purpose=purpose,
        model=model,
        outcome=outcome,
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        latency_ms=int((time.monotonic() - started) * 1000),
        conversation_id=uuid.UUID(str(conversation_id)) if conversation_id else None,
    )
    with tenant_session(current_tenant().schema) as db:
        db.add(row)


def _failure(exc: Exception) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate_limited"
    return "error"


def chat(
    config: AgentConfig,
    messages: list[dict[str, Any]],
    tools: list[dict[str, Any]] | None,
    *,
    purpose: str,
    conversation_id=None,
    force_text: bool = False,
) -> ChatResult:
    """One chat completion: the model, then the fallback model on failure or an empty answer.

    Raises ``ProviderUnavailable`` when both fail.
    """
    models = [config.model, config.fallback_model or config.model]
    outcomes: list[tuple[str, str]] = []
    options: dict[str, Any] = {"temperature": config.temperature, "max_tokens": config.max_tokens}
    if tools:
        options.update(tools=tools, tool_choice="none" if force_text else "auto")
    with client_for(config, CHAT_TIMEOUT) as client:
        for model in models:
            started = time.monotonic()
            try:
                response = client.chat.completions.create(model=model, messages=messages, **options)
            except openai.OpenAIError as exc:
                outcome = _failure(exc)
                log.warning(
                    "AI provider call failed", extra={"model": model, "outcome": outcome, "error": type(exc).__name__}
                )
                record_usage(purpose, model, outcome, started, conversation_id=conversation_id)
                outcomes.append((model, outcome))
                continue
            message = response.choices[0].message if response.choices else None
            useful = message is not None and (message.tool_calls or (message.content or "").strip())
            record_usage(
                purpose, response.model or model, "ok" if useful else "empty", started, response.usage, conversation_id
            )
            if useful:
                return ChatResult(model=response.model or model, message=message)
            outcomes.append((model, "empty"))
    raise ProviderUnavailable(outcomes)


def embed(config: AgentConfig, texts: list[str], *, purpose: str = "embedding") -> list[list[float]]:
    """Embeddings of ``texts`` (in batches) with the company's embedding model; ``EmbeddingError`` on failure."""
    vectors: list[list[float]] = []
    options: dict[str, Any] = {}
    if config.embedding_model.startswith("text-embedding-3"):
        options["dimensions"] = EMBEDDING_DIMENSIONS
    with client_for(config, EMBEDDING_TIMEOUT) as client:
        for start in range(0, len(texts), EMBEDDING_BATCH):
            batch = texts[start : start + EMBEDDING_BATCH]
            started = time.monotonic()
            try:
                response = client.embeddings.create(model=config.embedding_model, input=batch, **options)
            except openai.OpenAIError as exc:
                record_usage(purpose, config.embedding_model, _failure(exc), started)
                raise EmbeddingError(f"the embeddings provider failed: {type(exc).__name__}") from exc
            record_usage(purpose, config.embedding_model, "ok", started, response.usage)
            got = [item.embedding for item in sorted(response.data, key=lambda d: d.index)]
            if len(got) != len(batch) or any(len(v) != EMBEDDING_DIMENSIONS for v in got):
                raise EmbeddingError(
                    f"the embedding model must return one vector of {EMBEDDING_DIMENSIONS} numbers per text"
                )
            vectors += got
    return vectors
