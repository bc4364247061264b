"""Accent folding for search: "joao" finds "João", "acucar" finds "açúcar".

PostgreSQL's ``unaccent`` extension is not available everywhere Atrium runs
(the embedded server has none), so folding is ``translate`` over the accented
letters of Portuguese and Spanish: an immutable expression an index can be
built on. ``fold`` applies the same table in Python to what users type.
"""

from __future__ import annotations

ACCENTED = "áàâãäåéèêëíìîïóòôõöúùûüçñýÿÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑÝ"
PLAIN = "aaaaaaeeeeiiiiooooouuuucnyyaaaaaaeeeeiiiiooooouuuucny"
_TABLE = str.maketrans(ACCENTED, PLAIN)


def fold(value: str) -> str:
    """``value`` lower-cased with its accents removed, as ``fold_sql`` does in PostgreSQL."""
    return value.lower().translate(_TABLE)


def fold_sql(expression: str) -> str:
    """SQL folding ``expression`` (lower-case, accents removed); immutable, so indexes can use it."""
    return f"translate(lower({expression}), '{ACCENTED}', '{PLAIN}')"
