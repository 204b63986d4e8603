"""Words for the index and for queries: jieba cuts Chinese text, SQLite only splits on spaces.

SQLite's own tokenizers cannot split Chinese into words, so the text is cut here and stored as
tokens joined by spaces; `unicode61` then only splits on the spaces. A query is cut the same
way and turned into an FTS5 expression in which every word must match.
"""

from __future__ import annotations

import importlib
import logging
import marshal
import os
import sys
import tempfile
import unicodedata
from types import ModuleType


def _import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources when nothing else has imported that yet.

    jieba imports pkg_resources (0.12-0.2 s here, most of its import time) only to open its
    own data files, and opens them with open() when the import fails; every query pays the
    import, so it is made to fail. Nothing else is changed, and sys.modules is restored.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        return importlib.import_module("jieba")
    finally:
        del sys.modules["pkg_resources"]


jieba = _import_jieba()
jieba.setLogLevel(logging.WARNING)  # jieba announces loading its dictionary on stderr

NOTHING = '""'  # an FTS5 expression that matches no row, and is not a syntax error


def _load_dictionary() -> None:
    """Load jieba's default dictionary from its cache with one read, as jieba would.

    jieba's own initialize() unmarshals the cache from the open file, which reads it in small
    pieces: 1.2-1.7 s here, against 0.3-0.45 s for the same bytes read at once. Every query
    pays it, so `gazette search` loads it this way; anything unusual (another dictionary, no
    cache yet, a cache that does not unmarshal) is left to jieba, which builds the cache.
    """
    tokenizer = jieba.dt
    if tokenizer.initialized or tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return
    cache = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), "jieba.cache")
    try:
        with open(cache, "rb") as f:
            freq, total = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if isinstance(freq, dict) and freq and total:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True


_load_dictionary()


def tokenize_for_index(text: str) -> str:
    """Text as jieba search-mode tokens joined by spaces, punctuation and whitespace dropped.

    Search mode also emits the dictionary words inside a long word (历史风貌 → 历史, 风貌,
    历史风貌), so a query for a part finds the whole.
    """
    return " ".join(t for t in jieba.cut_for_search(_fold(text or "")) if _is_word(t))


def query_words(user_query: str) -> list[str]:
    """The words of a query, as jieba's precise mode cuts them; duplicates dropped."""
    chunks = _fold(user_query).split()
    words = (w for chunk in chunks for w in jieba.cut(chunk) if _is_word(w))
    return list(dict.fromkeys(words))


def fts_query(user_query: str) -> str:
    """An FTS5 query for `search_fts` in which every word of `user_query` must match.

    A word jieba only found by guessing (HMM, e.g. 取卵术) may be cut differently inside a
    document, so it also matches as its dictionary pieces (取 AND 卵 AND 术). Every token is
    quoted, so no user input is read as FTS5 syntax. Only title and body are searched, not the
    `kind` column. A query without words gives NOTHING, which matches nothing.
    """
    terms = [_term(w) for w in query_words(user_query)]
    if not terms:
        return NOTHING
    return "{title body} : (" + " AND ".join(terms) + ")"


def highlight_terms(user_query: str) -> tuple[list[str], list[str]]:
    """(words, pieces) of a query, to find in the original text for a snippet."""
    words = query_words(user_query)
    pieces = [p for w in words for p in _pieces(w) if p not in words]
    return words, list(dict.fromkeys(pieces))


def _term(word: str) -> str:
    pieces = _pieces(word)
    if len(pieces) < 2:
        return _quote(word)
    return f"({_quote(word)} OR ({' AND '.join(map(_quote, pieces))}))"


def _pieces(word: str) -> list[str]:
    return [p for p in jieba.cut(word, HMM=False) if _is_word(p)]


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fold(text: str) -> str:
    # Full-width letters and digits (２０２４, ＡＢＣ) as ASCII, on both sides of a match;
    # unicode61 folds case but not width.
    return unicodedata.normalize("NFKC", text)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)
