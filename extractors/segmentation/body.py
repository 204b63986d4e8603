"""A notice's text as paragraphs, articles (第X条) and outline (一、（一）1.), for the notice
itself and for each attachment."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.layout.paragraphs import Paragraph, join_paragraphs
from extractors.model import Line
from extractors.segmentation.notice_parts import AttachmentBlock, NoticeParts
from extractors.segmentation.outline import Article, OutlineItem, find_articles, find_outline


@dataclass(frozen=True)
class TextPart:
    attachment_no: int | None  # None: the notice itself
    paragraphs: list[Paragraph]
    text: str  # the paragraphs, one a line
    articles: list[Article]
    outline: list[OutlineItem]


@dataclass(frozen=True)
class NoticeBody:
    main: TextPart
    attachments: list[tuple[AttachmentBlock, TextPart]]


def read_body(parts: NoticeParts, wrap_width: float | dict[int, float] | None) -> NoticeBody:
    """wrap_width: the column width of text dumps (see `join_paragraphs`), else None."""
    return NoticeBody(
        main=_text_part(parts.main, None, wrap_width, sequential=True),
        attachments=[
            (att, _text_part(att.lines, att.no, wrap_width, sequential=False))
            for att in parts.attachments
        ],
    )


def _text_part(
    lines: list[Line],
    attachment_no: int | None,
    wrap_width: float | dict[int, float] | None,
    *,
    sequential: bool,
) -> TextPart:
    # An attachment may restart or skip its article numbers; the notice itself may not.
    paragraphs = join_paragraphs(lines, wrap_width)
    return TextPart(
        attachment_no=attachment_no,
        paragraphs=paragraphs,
        text="\n".join(p.text for p in paragraphs),
        articles=find_articles(paragraphs, sequential=sequential),
        outline=find_outline(paragraphs),
    )
