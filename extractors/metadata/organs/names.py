"""Organ names by their shape: the quick, regex test segmentation runs on every line.

An organ's name is a place or national prefix, a few words and an organ suffix (局, 委员会,
人民政府 …), with no digits and no 关于. Used where every line of a document is tried (is
this line a signature, an issuer?); `entities` finds organs inside running text and splits
issuers with spaCy rules, and agrees with this test on names it accepts.
"""

from __future__ import annotations

import re

from extractors.vocabulary import ORG_PREFIXES, ORG_SUFFIXES

_ORG_SUFFIX_ALT = "|".join(ORG_SUFFIXES)
_ORG = re.compile(rf"^[^，。；：、“”《》（）()]{{2,40}}?(?:{_ORG_SUFFIX_ALT})$")


def is_org_name(text: str) -> bool:
    """One organ's name, or several separated by spaces (a joint signature line)."""
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    return bool(parts) and all(_is_single_org(p) for p in parts)


def _is_single_org(text: str) -> bool:
    return (
        bool(_ORG.match(text))
        and not text.startswith("第")
        and bool(_ORG_START.match(text))
        and not re.search(r"\d|关于", text)
    )


def split_issuers(text: str) -> list[str] | None:
    """Split the issuer part of a title into organs: 泸州市财政局国家税务总局泸州市税务局 → 2.

    None when some space-separated part is neither a run of organs nor one organ: the text
    is not (only) issuers, and the caller must not take it for a list of them.

    Written by hand (no library segments Chinese organ names reliably without a model): a
    new organ starts where a place or national prefix follows an organ suffix.
    """
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    out: list[str] = []
    for part in parts:
        organs = _split_joined_orgs(part)
        if organs is None:
            return None
        out.extend(organs)
    return out


_ORG_START = re.compile(
    rf"^(?:{'|'.join(ORG_PREFIXES)}|[\u4e00-\u9fff]{{1,3}}[省市县区]|[\u4e00-\u9fff]{{2,6}}自治[州县])"
)


def _split_joined_orgs(text: str) -> list[str] | None:
    """The organs run together in `text`; [text] when it is one; None when it is neither."""
    cuts = [
        i
        for i in range(2, len(text) - 1)
        if text[:i].endswith(ORG_SUFFIXES)
        # 国家税务总局泸州市税务局 is one organ: a national bureau's local branch.
        and not text[:i].endswith("总局")
        and _ORG_START.match(text[i:])
    ]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    # Splitting is only right when every piece is itself an organ; 人民政府办公室 must stay whole.
    merged: list[str] = []
    for piece in pieces:
        if merged and not _is_single_org(piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    if all(_is_single_org(p) for p in merged) and all(len(p) >= 4 for p in merged):
        return merged
    return [text] if _is_single_org(text) else None
