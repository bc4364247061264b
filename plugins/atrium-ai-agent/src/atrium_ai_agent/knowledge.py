"""The knowledge base: documents split into chunks, embedded by a worker, and hybrid retrieval.

A document's chunks are written at once, so full-text search finds them
immediately; their embeddings follow from the ``embed_document`` job when a
provider is configured. Retrieval fuses two rankings with reciprocal rank
fusion: cosine similarity over the pgvector HNSW index (chunks embedded with
the current embedding model) and PostgreSQL full-text search with the
Portuguese configuration, accents folded (exact course names and prices).
Without a provider, full-text search alone answers.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, delete, func, select, text
from sqlalchemy.orm import Session

from atrium.plugins import NotFound, after_commit
from atrium_ai_agent.chunking import split
from atrium_ai_agent.models import Chunk, Document
from atrium_ai_agent.provider import EmbeddingError, embed
from atrium_ai_agent.settings import AgentConfig

log = logging.getLogger(__name__)

TOP_K = 5
CANDIDATES = 20  # per ranking, before fusion
RRF_K = 60
MAX_QUERY_WORDS = 32


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the rankings that found it."""

    chunk_id: uuid.UUID
    document_id: uuid.UUID
    title: str
    text: str
    score: float
    matched_by: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-simple form (test chat, tool results)."""
        return {
            "chunk_id": str(self.chunk_id),
            "document_id": str(self.document_id),
            "title": self.title,
            "text": self.text,
            "score": round(self.score, 6),
            "matched_by": list(self.matched_by),
        }


def _enqueue_embedding(db: Session, document: Document) -> None:
    from atrium_ai_agent.jobs import embed_document

    document_id = str(document.id)
    after_commit(db, lambda: embed_document.send(document_id))


def _write_chunks(db: Session, document: Document, config: AgentConfig) -> None:
    """(Re)write the document's chunks from its text and schedule their embedding."""
    db.execute(delete(Chunk).where(Chunk.document_id == document.id))
    pieces = split(document.text)
    db.add_all(
        Chunk(id=uuid.uuid4(), document_id=document.id, position=i, text=piece) for i, piece in enumerate(pieces)
    )
    document.chunk_count = len(pieces)
    document.embedding_error = None
    document.embedding_model = None
    document.embedding_status = "pending" if config.has_provider and pieces else "disabled"
    db.flush()
    if document.embedding_status == "pending":
        _enqueue_embedding(db, document)


def create_document(
    db: Session, config: AgentConfig, title: str, body: str, source: str = "text", filename: str | None = None
) -> Document:
    """A new document, chunked now and embedded by a worker."""
    document = Document(
        title=title, text=body, source=source, filename=filename, chunk_count=0, embedding_status="pending"
    )
    db.add(document)
    db.flush()
    _write_chunks(db, document, config)
    return document


def get_document(db: Session, document_id: uuid.UUID) -> Document:
    """The document with this id; 404 otherwise."""
    document = db.get(Document, document_id)
    if document is None:
        raise NotFound("no knowledge document with this id")
    return document


def update_document(
    db: Session, config: AgentConfig, document: Document, title: str | None, body: str | None
) -> Document:
    """Change the title and/or text; a new text is chunked and embedded again."""
    if title is not None:
        document.title = title
    if body is not None and body != document.text:
        document.text = body
        _write_chunks(db, document, config)
    db.flush()
    return document


def delete_document(db: Session, document: Document) -> None:
    """Delete the document and its chunks."""
    db.delete(document)
    db.flush()


def chunks_of(
    db: Session, document_ids: list[uuid.UUID], per_document: int | None = None
) -> dict[uuid.UUID, list[Chunk]]:
    """Chunks of each document in order (the first ``per_document`` of each)."""
    found: dict[uuid.UUID, list[Chunk]] = {i: [] for i in document_ids}
    if not document_ids:
        return found
    stmt = select(Chunk).where(Chunk.document_id.in_(document_ids))
    if per_document is not None:
        stmt = stmt.where(Chunk.position < per_document)
    for chunk in db.scalars(stmt.order_by(Chunk.document_id, Chunk.position)):
        found[chunk.document_id].append(chunk)
    return found


def embed_pending(db: Session, config: AgentConfig, document: Document) -> None:
    """Embed the document's chunks with the current model; the status says how it went."""
    if not config.has_provider:
        document.embedding_status = "disabled"
        return
    chunks = list(db.scalars(select(Chunk).where(Chunk.document_id == document.id).order_by(Chunk.position)))
    try:
        vectors = embed(config, [c.text for c in chunks])
    except EmbeddingError as exc:
        document.embedding_status, document.embedding_error = "failed", str(exc)
        return
    for chunk, vector in zip(chunks, vectors, strict=True):
        chunk.embedding = vector
    document.embedding_status, document.embedding_model, document.embedding_error = (
        "ready",
        config.embedding_model,
        None,
    )


def fold(value: str) -> str:
    """Lower-case, accents removed (as the search vector is built)."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(c))


def _query_words(query: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"\w+", fold(query)) if len(w) > 1 or w.isdigit()))[:MAX_QUERY_WORDS]


def _text_query(query: str) -> str | None:
    """A ``to_tsquery`` expression matching any word of ``query`` (ranked by how many match)."""
    return " | ".join(_query_words(query)) or None


def _text_ranking(db: Session, query: str) -> list[uuid.UUID]:
    expression = _text_query(query)
    if expression is None:
        return []
    config = text("'portuguese'::regconfig")
    tsquery = func.to_tsquery(config, expression)
    rank = func.ts_rank_cd(Chunk.tsv, tsquery)
    numbers = [w for w in _query_words(query) if w.isdigit()]
    if numbers:  # a number in the question (a price, a year, a code) is the most specific thing in it
        rank = rank + case((Chunk.tsv.op("@@")(func.to_tsquery(config, " | ".join(numbers))), 1.0), else_=0.0)
    stmt = select(Chunk.id).where(Chunk.tsv.op("@@")(tsquery)).order_by(rank.desc(), Chunk.id).limit(CANDIDATES)
    return list(db.scalars(stmt))


def _vector_ranking(db: Session, config: AgentConfig, query: str) -> list[uuid.UUID]:
    has_vectors = db.scalar(
        select(Document.id)
        .where(Document.embedding_model == config.embedding_model, Document.embedding_status == "ready")
        .limit(1)
    )
    if not config.has_provider or has_vectors is None:
        return []
    try:
        [vector] = embed(config, [query], purpose="search")
    except EmbeddingError:
        log.warning("query embedding failed; full-text search only")
        return []
    stmt = (
        select(Chunk.id)
        .join(Document, Document.id == Chunk.document_id)
        .where(Document.embedding_model == config.embedding_model, Chunk.embedding.is_not(None))
        .order_by(Chunk.embedding.cosine_distance(vector))
        .limit(CANDIDATES)
    )
    return list(db.scalars(stmt))


def search(db: Session, config: AgentConfig, query: str, k: int = TOP_K) -> list[Hit]:
    """The ``k`` best chunks for ``query``: vector and full-text rankings fused (reciprocal rank fusion)."""
    if not query.strip():
        return []
    rankings = {"text": _text_ranking(db, query), "vector": _vector_ranking(db, config, query)}
    scores: dict[uuid.UUID, float] = {}
    matched: dict[uuid.UUID, list[str]] = {}
    for name, ids in rankings.items():
        for rank, chunk_id in enumerate(ids, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank)
            matched.setdefault(chunk_id, []).append(name)
    best = sorted(scores, key=lambda i: (-scores[i], str(i)))[:k]
    if not best:
        return []
    rows = {
        row.id: row
        for row in db.execute(
            select(Chunk.id, Chunk.document_id, Chunk.text, Document.title)
            .join(Document, Document.id == Chunk.document_id)
            .where(Chunk.id.in_(best))
        )
    }
    return [
        Hit(i, rows[i].document_id, rows[i].title, rows[i].text, scores[i], tuple(matched[i]))
        for i in best
        if i in rows
    ]
