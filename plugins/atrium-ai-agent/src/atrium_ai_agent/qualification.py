"""Qualification progress: which steps are answered (the contact's custom fields) and which comes next.

The answers live in the contact's ``custom_fields`` under each step's
``field``, so a person can read or correct them on the contact, and an
answer given in any conversation counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from atrium_ai_agent.settings import AgentConfig, Step


@dataclass(frozen=True)
class Progress:
    """The steps, the answers so far (by field) and the next unanswered step."""

    steps: tuple[Step, ...]
    answers: dict[str, Any]

    @property
    def next_step(self) -> Step | None:
        """The first step without an answer, or ``None`` when all are answered."""
        return next((s for s in self.steps if not self.answered(s)), None)

    @property
    def complete(self) -> bool:
        """Whether every step has an answer."""
        return self.next_step is None

    @property
    def at_last_step(self) -> bool:
        """Whether only the last step (or none) is left: the moment to offer a meeting."""
        pending = [s for s in self.steps if not self.answered(s)]
        return len(pending) <= 1

    def answered(self, step: Step) -> bool:
        """Whether ``step`` has a non-empty answer."""
        return self.answers.get(step.field) not in (None, "")

    def step_for_field(self, field: str) -> Step | None:
        """The step filling ``field``."""
        return next((s for s in self.steps if s.field == field), None)

    def describe(self) -> str:
        """The progress as the model reads it (Portuguese, like the conversation)."""
        if not self.steps:
            return "Não há passos de qualificação configurados."
        lines = ["Passos de qualificação (registre cada resposta com record_answer):"]
        for number, step in enumerate(self.steps, start=1):
            answer = self.answers.get(step.field)
            state = f"respondido: {answer}" if self.answered(step) else "pendente"
            lines.append(f"{number}. [{step.field}] {step.intent} — {state}")
        upcoming = self.next_step
        if upcoming is None:
            lines.append("Qualificação completa.")
        else:
            suggestion = f' (sugestão: "{upcoming.question}")' if upcoming.question != upcoming.intent else ""
            lines.append(
                f"Próximo passo: [{upcoming.field}] {upcoming.intent}. Faça só esta pergunta nesta mensagem{suggestion}."
            )
        return "\n".join(lines)

    def as_list(self) -> list[dict[str, Any]]:
        """Every step with its answer (``None`` when unanswered), in order: the handoff summary's ``answers``."""
        return [
            {
                "step": s.key,
                "field": s.field,
                "intent": s.intent,
                "answer": self.answers.get(s.field) if self.answered(s) else None,
            }
            for s in self.steps
        ]


def progress_of(config: AgentConfig, fields: dict[str, Any] | None) -> Progress:
    """The progress given a contact's custom ``fields``."""
    fields = fields or {}
    return Progress(config.steps, {s.field: fields.get(s.field) for s in config.steps if s.field in fields})
