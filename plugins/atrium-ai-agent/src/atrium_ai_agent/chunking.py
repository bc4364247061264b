"""Splitting a document into passages of about ``SIZE`` characters on paragraph and sentence boundaries.

Paragraphs are kept whole when they fit; longer ones are split between
sentences (and, for a sentence longer than a chunk, between words). Each
chunk after the first starts with the last sentences of the previous one
(up to ``OVERLAP`` characters), so a fact split across a boundary is still
found whole in one of them.
"""

from __future__ import annotations

import re

SIZE = 800
OVERLAP = 150

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?…;:])\s+|\n")


def _pieces(text: str, size: int) -> list[str]:
    """Sentences (or word runs, for a sentence longer than ``size``) of a paragraph."""
    pieces: list[str] = []
    for sentence in (s.strip() for s in _SENTENCES.split(text)):
        if not sentence:
            continue
        while len(sentence) > size:
            cut = sentence.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            pieces.append(sentence)
    return pieces


def _units(text: str, size: int) -> list[tuple[str, str]]:
    """``(separator, text)``: whole paragraphs that fit in ``size``, else their sentences, in order."""
    units: list[tuple[str, str]] = []
    for paragraph in (p.strip() for p in _PARAGRAPHS.split(text)):
        if len(paragraph) <= size:
            units += [("\n\n", " ".join(paragraph.split()))] if paragraph else []
        else:
            units += [("\n\n" if i == 0 else " ", piece) for i, piece in enumerate(_pieces(paragraph, size))]
    return units


def _tail(chunk: str, overlap: int) -> str:
    """The last whole sentences of ``chunk`` that fit in ``overlap`` characters (may be empty)."""
    kept: list[str] = []
    for sentence in reversed(_pieces(chunk, len(chunk) or 1)):
        if sum(len(s) + 1 for s in kept) + len(sentence) > overlap:
            break
        kept.insert(0, sentence)
    return " ".join(kept)


def split(text: str, size: int = SIZE, overlap: int = OVERLAP) -> list[str]:
    """``text`` as chunks of at most about ``size`` characters, consecutive chunks overlapping by up to ``overlap``."""
    chunks: list[str] = []
    current = ""
    for separator, unit in _units(text, size):
        if current and len(current) + len(separator) + len(unit) > size:
            chunks.append(current)
            carried = _tail(current, overlap)
            current = carried if carried and len(carried) + 1 + len(unit) <= size else ""
            separator = " "
        current = f"{current}{separator}{unit}" if current else unit
    if current:
        chunks.append(current)
    return chunks
