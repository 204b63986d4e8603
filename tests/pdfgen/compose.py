"""Content (the JSON schema) → flow items: how each part of a notice is set.

A notice's title block and 文号 span the text block. A notice that encloses a rule (印发 …
办法) sets its addressees, covering text and signature across the block too, then the rule's
title, then the rule's body in columns. A notice without one sets everything after the 文号
in columns. Attachments start on a new page, in the orientation their tables ask for.
"""

from __future__ import annotations

from .flow import Columns, Figure, Full, Item, NewPage, Table
from .fonts import cjk
from .geometry import Geometry
from .typeset import TLine, blank, layout_text
from .variant import LayoutVariant

FULL_SPACE = "\u3000"


class Composer:
    def __init__(self, g: Geometry, v: LayoutVariant) -> None:
        self.g = g
        self.v = v
        self.s = g.size
        self.L = g.leading

    # -- paragraphs ------------------------------------------------------------------------

    def para(
        self, text: str, width: float, *, indent_chars: float = 2, bold: bool = False
    ) -> list[TLine]:
        return layout_text(
            [(text, bold)], width, self.s, height=self.L, indent=indent_chars * self.s
        )

    def block_lines(self, block: dict, width: float, first: bool) -> list[TLine]:
        s, L = self.s, self.L
        kind = block["kind"]
        text = block.get("text", "")
        if kind == "article":
            segs = [(block["label"], self.v.article_label_bold), (FULL_SPACE, False), (text, False)]
            return layout_text(segs, width, s, height=L, indent=2 * s)
        if kind in ("chapter", "section"):
            label = block.get("label", "")
            title = (label + FULL_SPACE + text) if label else text
            out = [] if first else [blank(L, s)]
            lines = layout_text(
                [(title, kind == "chapter")], width, s, height=L, justify=False, align="center"
            )
            for ln in lines:
                ln.keep_with_next = True
            return out + lines
        if kind == "heading":
            level = block.get("level", 1)
            lines = layout_text([(text, level == 1)], width, s, height=L, indent=2 * s)
            for ln in lines:
                ln.keep_with_next = True
            return lines
        return self.para(text, width)

    def signature(
        self, names: list[str], date: str | None, width: float, pad_chars: float
    ) -> list[TLine]:
        s, L = self.s, self.L
        font = cjk()
        lines: list[TLine] = []
        widest = max([font.width(n, s) for n in names] + [0.0])
        pad = pad_chars * s
        for n in names:
            ln = layout_text(n, width, s, height=L, justify=False, align="right")
            for x in ln:
                x.tags["pad"] = pad
            lines += ln
        if date:
            dw = font.width(date, s)
            ln = layout_text(date, width, s, height=L, justify=False, align="right")
            for x in ln:
                x.tags["pad"] = max(pad + (widest - dw) / 2, pad) if names else pad
            lines += ln
        return lines

    def attachment_list(self, items: list[str], width: float) -> list[TLine]:
        s, L = self.s, self.L
        font = cjk()
        head = "附件："
        hw = font.width(head, s)
        out: list[TLine] = []
        if len(items) == 1:
            return layout_text(
                head + items[0], width, s, height=L, indent=2 * s, hanging=2 * s + hw
            )
        for i, item in enumerate(items, 1):
            num = f"{i}."
            hang = 2 * s + hw + font.width(num, s)
            text = (head if i == 1 else "") + num + item
            indent = 2 * s if i == 1 else 2 * s + hw
            out += layout_text(text, width, s, height=L, indent=indent, hanging=hang)
        return out

    # -- a notice ----------------------------------------------------------------------------

    def title_block(self, n: dict) -> list[TLine]:
        g, s, L = self.g, self.s, self.L
        font = cjk()
        size = self.v.title_size
        widest = max(font.width(t, 1.0) for t in n["title_lines"])
        if widest * size > g.box_w:
            size = max(12.0, int(g.box_w / widest * 2) / 2)
        lines: list[TLine] = []
        for t in n["title_lines"]:
            lines += layout_text(
                [(t, True)],
                g.box_w,
                size,
                height=round(size * 1.5, 2),
                justify=False,
                align="center",
            )
        for ln in lines:
            ln.tags["title"] = True
        lines.append(blank(0.55 * L, s))
        lines += layout_text(n["doc_number"], g.box_w, s, height=L, justify=False, align="center")
        lines.append(blank(0.7 * L, s))
        return lines

    def notice(self, n: dict, section: str) -> list[Item]:
        g, s, L = self.g, self.s, self.L
        W, Wc = g.box_w, g.col_w
        items: list[Item] = [
            Full(
                self.title_block(n),
                section,
                keep=True,
                need_after=3 * L,
                space_before=2 * L,
                anchor=n["doc_number"],
            )
        ]
        enclosed = bool(n.get("enclosed_title"))
        cover_w = W if enclosed else Wc
        head: list[TLine] = []
        if n.get("addressees"):
            head += self.para(n["addressees"], cover_w, indent_chars=0)
        for p in n.get("cover_paragraphs") or []:
            head += self.para(p, cover_w)
        tail: list[TLine] = []
        if n.get("attachment_list"):
            tail += [blank(0.5 * L, s)] + self.attachment_list(n["attachment_list"], Wc)
        sign = [blank(L, s)] + self.signature(
            n.get("signature") or [], n.get("date"), cover_w, 2 if enclosed else 1
        )
        post = self.para(n["postscript"], cover_w) if n.get("postscript") else []
        if enclosed:
            items.append(Full(head + sign + post, section))
            etitle = n.get("enclosed_title_lines") or [n["enclosed_title"]]
            et: list[TLine] = []
            for t in etitle:
                et += layout_text(
                    [(t, True)],
                    W,
                    s + 4,
                    height=round((s + 4) * 1.55, 2),
                    justify=False,
                    align="center",
                )
            et.append(blank(0.5 * L, s))
            items.append(Full(et, section, keep=True, need_after=3 * L, space_before=1.5 * L))
            items += self.body(n.get("body") or [], section, [], tail)
        else:
            items += self.body(n.get("body") or [], section, head, tail + sign + post)
        for a in n.get("attachments") or []:
            items += self.attachment(a, section)
        return items

    def body(
        self, blocks: list[dict], section: str, head: list[TLine], tail: list[TLine]
    ) -> list[Item]:
        Wc = self.g.col_w
        items: list[Item] = []
        cur: list[TLine] = list(head)
        first = not head
        for b in blocks:
            if b["kind"] == "table":
                if cur:
                    items.append(Columns(cur, section))
                    cur = []
                items.append(self.table(b["table"], section))
                first = True
                continue
            if b["kind"] == "figure":
                if cur:
                    items.append(Columns(cur, section))
                    cur = []
                cap = layout_text(
                    [(b.get("caption", ""), True)],
                    self.g.box_w,
                    self.s,
                    height=self.L,
                    justify=False,
                    align="center",
                )
                items.append(
                    Figure(cap, b.get("height", 9 * self.L), section, space_before=0.5 * self.L)
                )
                first = True
                continue
            cur += self.block_lines(b, Wc, first)
            first = False
        cur += tail
        if cur:
            items.append(Columns(cur, section, space_before=0.4 * self.L if items else 0.0))
        return items

    def table(self, spec: dict, section: str, width: float | None = None) -> Table:
        width = width or self.g.box_w
        cap: list[TLine] = []
        if spec.get("caption"):
            cap = layout_text(
                [(spec["caption"], True)],
                width,
                self.s,
                height=self.L,
                justify=False,
                align="center",
            )
        return Table(spec, self.v.table_size, section, cap, space_before=0.5 * self.L)

    def attachment(self, a: dict, section: str) -> list[Item]:
        s, L = self.s, self.L
        orientation = a.get("orientation") or next(
            (
                t.get("orientation")
                for t in a.get("tables") or []
                if t.get("orientation") != "portrait"
            ),
            "portrait",
        )
        area = self.g.area(orientation)
        W = area.w
        head: list[TLine] = []
        head += layout_text(
            [(a["no"], True)], W, s + 1, height=round((s + 1) * 1.6, 2), justify=False
        )
        head.append(blank(0.3 * L, s))
        for t in a.get("title_lines") or [a["title"]]:
            head += layout_text(
                [(t, True)], W, s + 5, height=round((s + 5) * 1.5, 2), justify=False, align="center"
            )
        head.append(blank(0.6 * L, s))
        items: list[Item] = [
            NewPage(orientation, section),
            Full(head, section, keep=True, need_after=4 * L),
        ]
        lines: list[TLine] = []
        for i, b in enumerate(a.get("body") or []):
            lines += self.block_lines(b, W, i == 0)
        if lines:
            items.append(Full(lines, section))
        for t in a.get("tables") or []:
            items.append(self.table(t, section, W))
        after: list[TLine] = []
        for p in a.get("after") or []:
            after += self.para(p, W, indent_chars=0)
        if a.get("closing"):
            after.append(blank(L, s))
            for c in a["closing"]:
                ln = layout_text(c, W, s, height=L, justify=False, align="right")
                for x in ln:
                    x.tags["pad"] = 2 * s
                after += ln
        if after:
            items.append(Full([blank(0.4 * L, s)] + after, section))
        return items


def compose(issue: dict, g: Geometry, v: LayoutVariant) -> list[Item]:
    c = Composer(g, v)
    items: list[Item] = []
    for si, sec in enumerate(issue["sections"]):
        name = sec["name"]
        for ni, n in enumerate(sec["notices"]):
            prev = sec["notices"][ni - 1] if ni else None
            fresh = ni == 0 or v.new_page_per_notice or bool(prev and prev.get("attachments"))
            if fresh and (si or ni):
                items.append(NewPage("portrait", name))
            items += c.notice(n, name)
    return items
