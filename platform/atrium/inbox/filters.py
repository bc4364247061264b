"""Filters shared by the inbox lists: who a row is assigned to, and text search."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import ColumnElement, func, literal_column, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, aliased

from atrium.errors import Invalid
from atrium.inbox.models import CONTACT_SEARCH_VECTOR, MESSAGE_SEARCH_VECTOR, Contact, Message
from atrium.text_fold import fold

MAX_TERMS = 8


def assignee_clause(column: InstrumentedAttribute, value: str, me: uuid.UUID) -> ColumnElement:
    """``assignee`` filter: ``me``, ``unassigned`` or a user id; 422 on ``assignee`` otherwise."""
    if value == "me":
        return column == me
    if value == "unassigned":
        return column.is_(None)
    try:
        return column == uuid.UUID(value)
    except ValueError:
        raise Invalid("'me', 'unassigned' or a user id", field="assignee") from None


def prefix_query(q: str) -> str | None:
    """A ``to_tsquery`` text matching every word of ``q`` as a prefix (``None`` when ``q`` has no word).

    Accents are folded as in the search vectors ("joao" and "João" find both).
    Only word characters reach the query, so no input can inject tsquery operators.
    """
    terms = re.findall(r"\w+", fold(q))[:MAX_TERMS]
    return " & ".join(f"{term}:*" for term in terms) or None


def tsquery(q: str):
    """The ``tsquery`` of ``prefix_query(q)`` in the ``simple`` configuration."""
    return func.to_tsquery(literal_column("'simple'"), prefix_query(q))


def matching_contact_ids(q: str):
    """Ids of contacts whose name, phone or e-mail has every word of ``q`` as a prefix, or whose
    phone contains the digits of ``q`` (at least four); 422 on ``q`` when it has neither.

    The two tests are separate queries (a union), so the word test uses ``ix_contacts_search``.
    """
    found = aliased(Contact, name="found")
    queries = []
    if prefix_query(q):
        vector = literal_column(CONTACT_SEARCH_VECTOR)  # the ix_contacts_search expression
        queries.append(select(found.id).where(vector.op("@@")(tsquery(q))))
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 4:
        queries.append(select(found.id).where(found.phone.contains(digits, autoescape=True)))
    if not queries:
        raise Invalid("search for at least one word or four digits", field="q")
    return union_all(*queries) if len(queries) > 1 else queries[0]


def conversations_with_text(q: str):
    """Ids of conversations with a message containing every word of ``q`` as a prefix (``None``
    when ``q`` has no word)."""
    if not prefix_query(q):
        return None
    vector = literal_column(MESSAGE_SEARCH_VECTOR)  # the ix_messages_search expression
    return select(Message.conversation_id).where(vector.op("@@")(tsquery(q)))
