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
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
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
    """The words a query requires, as jieba's precise mode cuts them; duplicates dropped.

    OR, NOT and the words after NOT (or -) are not required; quotes are not words.
    """
    parsed = parse_query(user_query)
    return list(dict.fromkeys(w for group in parsed.groups for text in group for w in _words(text)))


def text_matches(user_query: str | None, *texts: str | None) -> int:
    """SQL function: 1 when the notice's TEXTS hold every quoted phrase of the query and none
    of its excluded words, else 0 (spaces and line breaks ignored: print wraps anywhere).

    The index matches row by row (a notice, an article, an attachment): this makes a phrase
    and a NOT hold for the document, not only for the row that matched best.
    """
    parsed = parse_query(user_query or "")
    if not parsed.phrases and not parsed.excluded:
        return 1
    flat = ["".join(t.split()) for t in texts if t]
    if not all(any(p in t for t in flat) for p in parsed.phrases):
        return 0
    excluded = ["".join(x.split()) for x in parsed.excluded]
    return int(not any(x in t for x in excluded for t in flat))


@dataclass(frozen=True)
class ParsedQuery:
    """A query as people type it into a search box: words, "phrases", OR and NOT.

    Every item must match (AND), except that `a OR b` matches either; `NOT x` and `-x` leave
    out what matches x. A phrase must match its words, and be printed as is (see phrases).
    """

    groups: list[list[str]]  # alternatives of each required item (chunks of text)
    excluded: list[str]
    phrases: list[str]  # the quoted phrases, which the hit's text must contain as typed


_ITEM = re.compile(r'"([^"]*)"|(\S+)')
OR_WORD, NOT_WORD = "OR", "NOT"  # upper case only, as in web search engines and FTS5


def parse_query(user_query: str) -> ParsedQuery:
    groups: list[list[str]] = []
    excluded: list[str] = []
    phrases: list[str] = []
    join_next = negate_next = False
    for m in _ITEM.finditer(_fold(user_query or "")):
        phrase, word = m.group(1), m.group(2)
        if phrase is None and word == OR_WORD and groups:
            join_next = True
            continue
        if phrase is None and word == NOT_WORD:
            negate_next = True
            continue
        if phrase is None and word.startswith("-") and len(word) > 1:
            word, negate_next = word[1:], True
        text = phrase if phrase is not None else word
        if not any(_is_word(t) for t in jieba.cut(text)):
            join_next = negate_next = False
            continue
        if phrase is not None and not negate_next:
            phrases.append("".join(phrase.split()))
        if negate_next:
            excluded.append(text)
        elif join_next:
            groups[-1].append(text)
        else:
            groups.append([text])
        join_next = negate_next = False
    return ParsedQuery(groups, excluded, phrases)


def fts_query(user_query: str) -> str:
    """An FTS5 query for `search_fts` for a query of words, "phrases", OR and NOT.

    Every word of an item must match. A word jieba only found by guessing (HMM, e.g. 取卵术)
    may be cut differently inside a document, so it also matches as its dictionary pieces
    (取 AND 卵 AND 术). Every token is quoted, so no user input is read as FTS5 syntax; OR and
    NOT are ours. Only title and body are searched, not the `kind` column. A query without a
    required word (blank, or only NOT items) gives NOTHING, which matches nothing.
    """
    parsed = parse_query(user_query)
    if all(len(group) == 1 for group in parsed.groups):
        # No OR: every word of the query, once, as one flat AND.
        words = dict.fromkeys(w for group in parsed.groups for w in _words(group[0]))
        required = [_term(w) for w in words]
    else:
        required = [r for r in (_any_of(group) for group in parsed.groups) if r]
    if not required:
        return NOTHING
    expr = " AND ".join(required)
    excluded = [e for e in (_all_words(x) for x in parsed.excluded) if e]
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(excluded)})"
    return "{title body} : (" + expr + ")"


def _all_words(text: str) -> str:
    terms = [_term(w) for w in _words(text)]
    return terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")" if terms else ""


def _any_of(texts: list[str]) -> str:
    parts = [p for p in (_all_words(t) for t in texts) if p]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")" if parts else ""


def _words(text: str) -> list[str]:
    words = (w for chunk in text.split() for w in jieba.cut(chunk) if _is_word(w))
    return list(dict.fromkeys(words))


def highlight_terms(user_query: str) -> tuple[list[str], list[str]]:
    """(words, pieces) of a query, to find in the original text for a snippet.

    Phrases first, whole; then the words of every required item; excluded words never.
    """
    parsed = parse_query(user_query)
    words = [p for p in parsed.phrases if p]
    words += [w for group in parsed.groups for text in group for w in _words(text)]
    words = list(dict.fromkeys(words))
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
