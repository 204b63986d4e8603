"""Organ names (机关名称): the one recogniser, read from the shipped lists of divisions and organs.

Every rule is in :mod:`extractors.metadata.divisions` (a place chain from the national list of
administrative divisions + the genre's organ endings, the national organs by name); this module
gives segmentation and the issuers what they ask of it:

* :func:`is_org_name`: is this line an organ's name, or several separated by spaces (a joint
  signature line)? Segmentation runs it on every line.
* :func:`split_issuers`: the organs of a title's issuer part, or None when it is not issuers.
* :func:`split_organs`: a joint issuer or signature block into organs; what is not recognised
  is kept whole, so callers can tell.
* :func:`organisations`: every organ named in running text, in order.

Nothing is derived at start-up: the lists load in about 50 ms (CPU) and 5 MB, with no spaCy
and no jieba.

Decisions (pinned by tests/test_organs.py and tests/test_divisions.py):

* Generic addressee groups are **not** organs: 各区县人民政府, 各园区管委会, 市级有关部门,
  各区县医保局, 7个区县政府 name a class of organs, not one.
* A bare level + generic suffix (市局, 省厅) is a reference, not a name; 市委, 省委, 市政府,
  区政府 are names, also where they qualify a noun (市政府门户网站 → 市政府).
* A collective tail is not a name: ``split_organs("国家卫生健康委等14部门")`` gives
  ``["国家卫生健康委"]``.
* Associations (协会, 学会, 联合会 …) and place-like centres (数据中心, 区域医疗中心) are no
  state organs; public institutions with a prefix (市妇幼保健院, 中国纺织信息中心) are.
* Organs printed without any place, level or national prefix (司法厅 at a line start) are not
  found; a place missing from the list (长开区, a development zone) starts no name, but a space
  still separates it from the organs around it.
"""

from __future__ import annotations

from extractors.metadata import divisions
from extractors.textnorm import compact


def is_org_name(text: str) -> bool:
    """One organ's name, or several separated by spaces (a joint signature line)."""
    parts = text.split()
    return bool(parts) and all(divisions.is_organ_name(p) for p in parts)


def split_issuers(text: str) -> list[str] | None:
    """The issuer part of a title → its organs: 泸州市财政局国家税务总局泸州市税务局 → 2.

    None when some space-separated part is not organs run together: the text is not (only)
    issuers, and the caller must not take it for a list of them.
    """
    out: list[str] = []
    for part in text.split():
        organs = divisions.split_organs(part, joined=True)
        if organs is None:
            return None
        out.extend(organs)
    return out


def split_organs(text: str) -> list[str]:
    """A string of nothing but organ names, run together or space separated → the organs.

    "泸州市财政局国家税务总局泸州市税务局" → ["泸州市财政局", "国家税务总局泸州市税务局"];
    a closing collective tail is dropped. Names wrapped over lines are read compacted; where
    spaces separate parts and some part is organs on its own, each part is read alone and a
    part that is not organs is kept whole (泸州市财政局 长开区管委会 → both).
    """
    flat = compact(text)
    if not flat:
        return []
    parts = text.split()
    if len(parts) > 1:
        each = [divisions.split_organs(p) for p in parts]
        if any(each) and not _wrapped(parts, each):
            return [organ for part, got in zip(parts, each, strict=True) for organ in got or [part]]
    whole = divisions.split_organs(flat)
    return whole if whole is not None else [flat]


def _wrapped(parts: list[str], each: list[list[str] | None]) -> bool:
    """A part that is not organs and starts with an organ ending continues the name before it
    (泸州市人民政府 / 办公室 wrapped over two lines), so the parts are one text."""
    return any(
        got is None and divisions.is_organ_ending(part)
        for part, got in zip(parts, each, strict=True)
    )


def organisations(text: str) -> list[str]:
    """Every organ named in running text, in reading order, as printed with whitespace removed.

    A name that recurs is listed each time. Generic groups (各区县人民政府) are left out.
    """
    return [span.text for span in divisions.find_organs(compact(text))]
