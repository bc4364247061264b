"""Helpers of the AI agent tests: an HTTP-level fake of an OpenAI-compatible provider (served with respx
to the real ``openai`` client), a fake calendar plugin contributing AI tools, and sandbox-driven leads.

The fake provider answers ``/chat/completions`` like a cooperative model would, from what the request
shows (the system prompt's next step, the last message, tool results), in the documented payload shapes
of ``tests/fixtures/openai``; ``fail_next(model, ...)`` queues 429s, 5xx, timeouts or empty answers for a
model first. ``/embeddings`` returns bag-of-words vectors of 1,536 numbers, so cosine similarity means
something.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
import unicodedata
import uuid
from pathlib import Path

import httpx
from inbound_helpers import schema_of, wait_for
from sqlalchemy import text

from atrium.db.session import tenant_session
from atrium.plugins import AITool, Invalid, hookimpl

BASE_URL = "https://llm.test/v1"
FIXTURES = Path(__file__).parent / "fixtures" / "openai"
DIMENSIONS = 1536
SLOTS = [
    {"start": "2030-01-07T10:00:00-03:00", "end": "2030-01-07T10:30:00-03:00", "consultant_id": "carla"},
    {"start": "2030-01-07T14:00:00-03:00", "end": "2030-01-07T14:30:00-03:00", "consultant_id": "carla"},
]


def fixture(name: str) -> dict:
    """A JSON fixture of ``tests/fixtures/openai``."""
    return json.loads((FIXTURES / name).read_text())


def completion(content: str | None = None, tool_calls: list[dict] | None = None, model: str = "gpt-4o-mini") -> dict:
    """A chat completion: text (or an empty answer) from the text fixture, tool calls from the tool-call fixture."""
    body = fixture("chat_completion_tool_calls.json" if tool_calls else "chat_completion_text.json")
    body["id"] = f"chatcmpl-{uuid.uuid4().hex[:12]}"
    body["model"] = model
    message = body["choices"][0]["message"]
    if tool_calls:
        message["tool_calls"] = tool_calls
    else:
        message["content"] = content
    return body


def call(name: str, **arguments) -> dict:
    """One tool call of a completion."""
    return {
        "id": f"call_{uuid.uuid4().hex[:10]}",
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments, ensure_ascii=False)},
    }


def vector(value: str) -> list[float]:
    """A normalised bag-of-words embedding: texts sharing words point the same way."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(c))
    out = [0.0] * DIMENSIONS
    for word in re.findall(r"\w{3,}", folded):
        out[int(hashlib.sha1(word.encode()).hexdigest(), 16) % DIMENSIONS] += 1.0
    norm = math.sqrt(sum(v * v for v in out)) or 1.0
    return [v / norm for v in out] if any(out) else [1.0 / math.sqrt(DIMENSIONS)] * DIMENSIONS


class CooperativeModel:
    """Answers like a model following the agent's instructions, one step at a time."""

    def __call__(self, body: dict) -> dict:
        messages, model = body["messages"], body["model"]
        system, last = messages[0]["content"], messages[-1]
        upcoming = re.search(r"Próximo passo: \[(\w+)\] (.+?)\. Faça", system)
        if last["role"] == "tool":
            return completion(self._after_tool(messages, system), model=model)
        previous = next((m.get("content") or "" for m in reversed(messages[:-1]) if m["role"] == "assistant"), "")
        asked = re.search(r"\[(\w+)\]", previous)
        if asked and upcoming and asked.group(1) == upcoming.group(1):
            return completion(
                tool_calls=[call("record_answer", field=upcoming.group(1), value=last["content"])], model=model
            )
        if "horários livres" in previous:
            return completion(
                tool_calls=[call("book_meeting", start=re.search(r"\d{4}-\d\d-\d\dT[\d:]+-03:00", previous).group(0))],
                model=model,
            )
        if "Reunião marcada" in previous:
            return completion(
                tool_calls=[call("handoff_to_human", reason="reunião marcada com o consultor")], model=model
            )
        if upcoming:
            return completion(f"Olá! [{upcoming.group(1)}] {upcoming.group(2)}?", model=model)
        return completion("Posso ajudar em algo mais?", model=model)

    def _after_tool(self, messages: list[dict], system: str) -> str:
        last = messages[-1]
        result = json.loads(last["content"])
        name = next(
            c["function"]["name"]
            for m in messages
            if m.get("tool_calls")
            for c in m["tool_calls"]
            if c["id"] == last["tool_call_id"]
        )
        if name == "record_answer":
            if result.get("next_step"):
                return f"Obrigado! [{result['next_step']['field']}] {result['next_step']['intent']}?"
            slots = (
                re.findall(r'"start": "([^"]+)"', system.split("Resultado de get_free_slots:")[-1])
                if "get_free_slots" in system
                else []
            )
            return (
                f"Perfeito! Tenho estes horários livres: {', '.join(slots)}. Qual prefere?"
                if slots
                else "Obrigado! Um consultor vai falar com você."
            )
        if name == "book_meeting":
            return (
                f"Reunião marcada para {result['booking']['start']}!"
                if "booking" in result
                else "Esse horário não está mais livre."
            )
        if name == "handoff_to_human":
            return "Vou te passar para um consultor agora mesmo."
        if name == "search_knowledge":
            return result["results"][0]["text"] if result.get("results") else "Não encontrei essa informação."
        return "Certo."


class FakeProvider:
    """The provider at ``BASE_URL``: records every request, answers with ``policy`` unless a failure is queued."""

    def __init__(self, policy=None) -> None:
        self.policy = policy or CooperativeModel()
        self.chats: list[dict] = []
        self.embedded: list[str] = []
        self.queued: dict[str, list] = {}

    def install(self, router) -> FakeProvider:
        """Route the provider's endpoints on a respx router."""
        router.post(f"{BASE_URL}/chat/completions").mock(side_effect=self._chat)
        router.post(f"{BASE_URL}/embeddings").mock(side_effect=self._embeddings)
        return self

    def fail_next(self, model: str, *answers) -> None:
        """Answer the next requests for ``model`` with ``answers`` (an ``httpx.Response``, an exception, or a body)."""
        self.queued.setdefault(model, []).extend(answers)

    def _chat(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.chats.append(body)
        queued = self.queued.get(body["model"])
        if queued:
            answer = queued.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)
        return httpx.Response(200, json=self.policy(body))

    def _embeddings(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        self.embedded += inputs
        payload = fixture("embeddings.json")
        template = payload["data"][0]
        payload["model"] = body["model"]
        payload["data"] = [
            {**copy.deepcopy(template), "embedding": vector(t), "index": i} for i, t in enumerate(inputs)
        ]
        payload["usage"] = {
            "prompt_tokens": sum(len(t.split()) for t in inputs),
            "total_tokens": sum(len(t.split()) for t in inputs),
        }
        return httpx.Response(200, json=payload)


def rate_limited() -> httpx.Response:
    """A documented 429 answer."""
    return httpx.Response(429, json=fixture("error_rate_limit.json"), headers={"retry-after": "20"})


def server_error() -> httpx.Response:
    """A documented 500 answer."""
    return httpx.Response(500, json=fixture("error_server.json"))


def empty_answer(model: str = "gpt-4o-mini") -> dict:
    """A completion with no text and no tool calls."""
    return fixture("chat_completion_empty.json") | {"model": model}


class FakeCalendar:
    """A plugin contributing ``get_free_slots`` (in context) and ``book_meeting`` through ``register_ai_tools``."""

    def __init__(self) -> None:
        self.bookings: list[dict] = []

    @hookimpl
    def register_ai_tools(self):
        return [
            AITool(
                "get_free_slots",
                "Horários livres com um consultor",
                {"type": "object", "properties": {}},
                self.free,
                in_context=True,
            ),
            AITool(
                "book_meeting",
                "Marca um horário livre para o lead",
                {"type": "object", "properties": {"start": {"type": "string"}}, "required": ["start"]},
                self.book,
            ),
        ]

    def free(self, context, arguments):
        return {"slots": SLOTS}

    def book(self, context, arguments):
        if arguments["start"] not in {s["start"] for s in SLOTS}:
            raise Invalid("this slot is not free", field="start")
        booking = {"id": f"evt-{len(self.bookings) + 1}", "start": arguments["start"], "consultant": "Carla"}
        if not context.dry_run:
            self.bookings.append({**booking, "lead": context.lead["name"], "phone": context.lead["phone"]})
        return {"booking": booking}


# ---------------------------------------------------------------- driving a company's agent

LEAD = "+5511987650001"


def settings(t, **values) -> dict:
    """PUT the agent's settings (on top of what is stored); returns the answer's body."""
    current = t.get("/api/v1/plugins/ai-agent/settings").get_json()
    response = t.put("/api/v1/plugins/ai-agent/settings", json={**current, **values})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def provider_settings(**extra) -> dict:
    """Settings pointing the agent at the fake provider."""
    return {"base_url": BASE_URL, "api_key": "sk-test-key", "model": "gpt-4o-mini", "fallback_model": "gpt-4o", **extra}


def agent_company(tenant_factory, blueprint: str = "education", **values):
    """A company with the sandbox channel and the agent enabled, taking every new sandbox conversation."""
    t = tenant_factory(blueprint=blueprint)
    for plugin in ("sandbox", "ai-agent"):
        assert t.post(f"/api/v1/plugins/{plugin}/enable").status_code == 200
    channel = t.post(
        "/api/v1/channels", json={"type": "sandbox", "name": "Sandbox", "config": {"read_after_ms": None}}
    ).get_json()
    settings(t, channel_ids=[channel["id"]], **values)
    return t, channel


def say(t, channel: dict, text_value: str, sender: str = LEAD, name: str = "Maria Souza") -> str:
    """The lead writes; waits until the agent has handled the message. Returns what it did (the reply's outcome)."""
    message_id = f"lead-{uuid.uuid4().hex[:12]}"
    response = t.post(
        f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound",
        json={"from": sender, "name": name, "text": text_value, "message_id": message_id},
    )
    assert response.status_code == 202, response.get_json()
    return wait_for(lambda: outcome(t, message_id), what=f"the agent to handle {text_value!r}")


def outcome(t, provider_message_id: str) -> str | None:
    """What the agent did about the inbound message (``ai_agent_replies.outcome``), once it did."""
    with tenant_session(schema_of(t)) as db:
        return db.execute(
            text(
                "SELECT r.outcome FROM ai_agent_replies r JOIN messages m ON m.id = r.inbound_message_id WHERE m.provider_message_id = :p"
            ),
            {"p": provider_message_id},
        ).scalar()


def ai_texts(t) -> list[str]:
    """Texts of the messages the agent wrote, oldest first."""
    with tenant_session(schema_of(t)) as db:
        return list(
            db.execute(text("SELECT text FROM messages WHERE author_type = 'ai' ORDER BY created_at, id")).scalars()
        )


def only_conversation(t) -> dict:
    """The company's single conversation, as the API shows it."""
    [conversation] = t.get("/api/v1/conversations").get_json()["items"]
    return conversation


def usage_rows(t) -> list[tuple]:
    """``(purpose, model, outcome)`` of every provider call recorded, oldest first."""
    with tenant_session(schema_of(t)) as db:
        return [tuple(r) for r in db.execute(text("SELECT purpose, model, outcome FROM ai_agent_usage ORDER BY id"))]
