"""The qualification without a language model (no provider configured): the steps' questions in order.

The first reply greets the lead and asks the first step's question; each
later message is recorded, verbatim, as the answer to the question asked
last, and the next question follows. After the last answer the lead is
thanked and the conversation is handed to a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from atrium_ai_agent.qualification import Progress
from atrium_ai_agent.settings import AgentConfig, Step

MODEL = "scripted"
MAX_ANSWER_LENGTH = 1000


@dataclass(frozen=True)
class ScriptedTurn:
    """The reply, the answer recorded (``(field, value)``), the step now asked, and whether the flow ended."""

    reply: str
    answer: tuple[str, str] | None
    asked: str | None
    complete: bool


def _first_name(name: str | None) -> str:
    return (name or "").split()[0] if (name or "").strip() else ""


def greeting(config: AgentConfig, name: str | None) -> str:
    """``Olá, Maria! Eu sou Ana, consultora acadêmica.``"""
    first = _first_name(name)
    return f"Olá{', ' + first if first else ''}! Eu sou {config.persona}."


def closing(name: str | None) -> str:
    """The thanks after the last answer."""
    first = _first_name(name)
    return f"Obrigado{', ' + first if first else ''}! Já anotei tudo. Uma pessoa da nossa equipe vai falar com você em breve."


def scripted_turn(
    config: AgentConfig, progress: Progress, name: str | None, asked: str | None, text: str, greeted: bool
) -> ScriptedTurn:
    """The next message given the step asked last (``asked``) and the lead's message ``text``."""
    answers = dict(progress.answers)
    answer = None
    step: Step | None = next((s for s in config.steps if s.key == asked), None)
    if step is not None and not progress.answered(step) and text.strip():
        answer = (step.field, text.strip()[:MAX_ANSWER_LENGTH])
        answers[step.field] = answer[1]
    upcoming = Progress(config.steps, answers).next_step
    opening = "" if greeted else greeting(config, name) + " "
    if upcoming is None:
        return ScriptedTurn((opening + closing(name)).strip(), answer, None, True)
    return ScriptedTurn(opening + upcoming.question, answer, upcoming.key, False)


def replay(config: AgentConfig, history: list[dict[str, str]]) -> tuple[dict[str, str], str | None, bool]:
    """From a transcript whose last message is the lead's (the test chat keeps no state): the answers
    given before it, the step asked last, and whether the lead was already greeted."""
    answers: dict[str, str] = {}
    asked: Step | None = None
    for message in history[:-1]:
        if message["role"] == "assistant":
            asked = next((s for s in config.steps if message["content"].rstrip().endswith(s.question)), None)
        elif asked is not None and message["content"].strip():
            answers[asked.field] = message["content"].strip()[:MAX_ANSWER_LENGTH]
            asked = None
    greeted = any(m["role"] == "assistant" for m in history)
    return answers, asked.key if asked else None, greeted
