"""The data contract: one Arrow schema per dataset, the single source of truth.

The writer casts every dataset to these schemas, the tests read them, and `docs/schema.md` is
generated from them (`python -m schemas > docs/schema.md`). Each field carries its description
in the field metadata, so a Parquet file documents itself.

Versioning: SCHEMA_VERSION follows semver. Adding a nullable field is a minor bump; renaming,
removing or retyping a field is a major bump. The version is stored in every Parquet file's
metadata (`gazette.schema_version`).
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.6.0"


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": doc})


def _provenance() -> list[pa.Field]:
    return [
        _f("source_sha256", pa.string(), "SHA-256 of the source file the row came from.", False),
        _f("extractor_version", pa.string(), "Version of the extractor that made the row.", False),
    ]


_ISSUE_ID = _f(
    "issue_id",
    pa.string(),
    "Issue id: the first 16 hex digits of the source file's SHA-256. Same file, same id.",
    False,
)
_NOTICE_ID = _f("notice_id", pa.string(), "Notice id: `<issue_id>-n<seq>`.", False)


_TEXT_SOURCE = _f(
    "text_source",
    pa.string(),
    "Where the row's text came from: `pdf_text` (the PDF's text layer) or `ocr` (OCR of the "
    "page image: a scan, or a page whose text layer was garbage). Null for text, Markdown and "
    "HTML sources.",
)


def _schema(fields: list[pa.Field], doc: str, paged: bool = False) -> pa.Schema:
    """`paged`: rows read from a notice's pages, which carry `text_source`."""
    return pa.schema(
        fields + ([_TEXT_SOURCE] if paged else []) + _provenance(),
        metadata={"description": doc, "gazette.schema_version": SCHEMA_VERSION},
    )


ISSUES = _schema(
    [
        _ISSUE_ID,
        _f("source_path", pa.string(), "Path of the source file as given to `extract`.", False),
        _f(
            "source_format",
            pa.string(),
            "pdf, html, text or markdown: sniffed from content.",
            False,
        ),
        _f("gazette_name", pa.string(), "Gazette title, e.g. 泸州市人民政府公报."),
        _f("year", pa.int32(), "Year of the issue."),
        _f(
            "issue_label",
            pa.string(),
            "Issue number as printed: `12`, or `9/10` for a double issue.",
        ),
        _f("issue_numbers", pa.list_(pa.int32()), "Every issue number the label covers."),
        _f("total_issue_no", pa.int32(), "Running number over all issues (总第N期)."),
        _f("page_count", pa.int32(), "Pages found in the source."),
        _f("notice_count", pa.int32(), "Notices found in the issue."),
        _f(
            "partial",
            pa.bool_(),
            "True when the source is damaged and may have been read in part: a PDF cut short "
            "or with a rebuilt cross-reference table, a page that could not be read, text with "
            "invalid bytes or stray NULs (diagnostics damaged_pdf, unreadable_page, "
            "damaged_text). A page that is only an image is not damage.",
        ),
    ],
    "One row per gazette issue (one source file).",
)

TOC_ENTRIES = _schema(
    [
        _ISSUE_ID,
        _f("seq", pa.int32(), "Position in the 目录, from 1.", False),
        _f("section", pa.string(), "Section heading of the 目录 the entry is under."),
        _f("title", pa.string(), "Entry title, whitespace removed.", False),
        _f("doc_number", pa.string(), "文号 of the entry, brackets normalised to 〔〕."),
        _f("page", pa.int32(), "Printed page number the 目录 gives."),
        _f("notice_id", pa.string(), "The notice this entry was reconciled with, if any."),
    ],
    "Table of contents (目录) entries of an issue.",
)

NOTICES = _schema(
    [
        _NOTICE_ID,
        _ISSUE_ID,
        _f("seq", pa.int32(), "Position of the notice in the issue, from 1.", False),
        _f("section", pa.string(), "Gazette section: 市政府文件, 市政府办公室文件, 部门文件 …"),
        _f(
            "title",
            pa.string(),
            "Whole title as printed, issuer included: its lines joined, the spaces the document "
            "prints between words of its subject kept (one per gap); letter-spacing, spaces a "
            "converter put at line joins and the gap between joint issuers removed.",
            False,
        ),
        _f(
            "doc_type",
            pa.string(),
            "公文种类 named by the title: 通知, 通报, 意见, 决定, 令, 公告 …",
        ),
        _f("issuers", pa.list_(pa.string()), "Every issuing organ (joint documents have several)."),
        _f(
            "doc_number",
            pa.string(),
            "文号, brackets normalised to 〔〕; 令/公告 第N号 as printed.",
        ),
        _f("doc_agency_code", pa.string(), "Agency code of the 文号, e.g. 泸市府办规."),
        _f("doc_year", pa.int32(), "Year in the 文号."),
        _f("doc_serial", pa.int32(), "Serial number in the 文号."),
        _f("is_normative", pa.bool_(), "规范性文件: the agency code contains 规."),
        _f("addressees", pa.list_(pa.string()), "主送机关, in order."),
        _f("signing_date", pa.date32(), "成文日期: the date under the signature."),
        _f("effective_date", pa.date32(), "Date the document takes effect."),
        _f("effective_text", pa.string(), "The sentence the effective date was read from."),
        _f("validity_months", pa.int32(), "Validity (有效期) or trial period (试行期) in months."),
        _f("is_trial", pa.bool_(), "True when the period is a 试行期."),
        _f(
            "expiry_date",
            pa.date32(),
            "Last day in force: effective + validity − 1 day, a stated term's end "
            "(执行期限…至…), or the last day of the period in a plan's own name (…（2024—2025年）).",
        ),
        _f("enclosed_title", pa.string(), "Title of the 办法/规划/措施 … the notice promulgates."),
        _f("page_start", pa.int32(), "First source page of the notice.", False),
        _f("page_end", pa.int32(), "Last source page of the notice.", False),
        _f("page_label_start", pa.string(), "Printed page number of the first page, when known."),
        _f("text", pa.string(), "Body text, reading order repaired, furniture removed."),
        _f(
            "document_id",
            pa.string(),
            "The document this notice is a copy of: every source of one document shares it. "
            "First 16 hex digits of the SHA-256 of its 文号, else its 令/公告 number with the "
            "organ, else its title and date. The canonical copy: view `document_copies`.",
        ),
        _f(
            "publication_date",
            pa.date32(),
            "Date the website or legal database published it (发布日期/上载日期/生成日期/发文日期 "
            "of the site's metadata, else its PubDate <meta>); null for gazettes.",
        ),
        _f(
            "publishing_organ",
            pa.string(),
            "Organ the site names as publisher (发布机构/发文机关/发布部门 …; a 来源 that names a "
            "website is none), as the site prints it.",
        ),
        _f(
            "source_url",
            pa.string(),
            "Address of the published page: the site's 原文链接, or the address a browser "
            "recorded when saving the page.",
        ),
    ],
    "One row per official document printed in an issue.",
    paged=True,
)

ARTICLES = _schema(
    [
        _f("article_id", pa.string(), "`<notice_id>-<attachment_no or 0>-<seq>`.", False),
        _NOTICE_ID,
        _ISSUE_ID,
        _f("attachment_no", pa.int32(), "Attachment number; null for the main document."),
        _f("chapter_no", pa.int32(), "Chapter (第X章) number, null outside chapters."),
        _f("chapter_title", pa.string(), "Chapter title."),
        _f("section_no", pa.int32(), "Section (第X节) number inside the chapter."),
        _f("section_title", pa.string(), "Section title."),
        _f("article_no", pa.int32(), "Article number (第十一条 → 11).", False),
        _f("label", pa.string(), "Article label as printed, e.g. 第十一条.", False),
        _f("text", pa.string(), "Article text without its label.", False),
        _f("page", pa.int32(), "Source page the article starts on.", False),
    ],
    "Articles (第X条) of notices and of their attachments.",
    paged=True,
)

OUTLINE = _schema(
    [
        _f("outline_id", pa.string(), "`<notice_id>-<attachment_no or 0>-o<seq>`.", False),
        _NOTICE_ID,
        _ISSUE_ID,
        _f("attachment_no", pa.int32(), "Attachment number; null for the main document."),
        _f("seq", pa.int32(), "Position of the item in the document, from 1.", False),
        _f("level", pa.int32(), "Depth in this document's outline, 1 = top.", False),
        _f(
            "marker_type",
            pa.string(),
            "Numbering style: 第X编, 第X章, 第X节, 一、, （一）, 1., （1）.",
            False,
        ),
        _f("number", pa.int32(), "The item's number (三、 → 3).", False),
        _f("label", pa.string(), "Label as printed: 三、, （二）, 第一章.", False),
        _f(
            "heading",
            pa.string(),
            "Title of the item (一、总体要求 → 总体要求); null for long list items.",
        ),
        _f("text", pa.string(), "Paragraph text after the label.", False),
        _f("parent_seq", pa.int32(), "seq of the enclosing item, null at the top."),
        _f("article_no", pa.int32(), "Article (第X条) the item sits in, if any."),
        _f("page", pa.int32(), "Source page the item starts on.", False),
    ],
    "The numbered outline of each document (章/节 and 一、（一）1.（1） items).",
    paged=True,
)

ATTACHMENTS = _schema(
    [
        _NOTICE_ID,
        _ISSUE_ID,
        _f("attachment_no", pa.int32(), "Attachment number (附件3 → 3; a lone 附件 → 1).", False),
        _f("title", pa.string(), "Attachment title."),
        _f("page_start", pa.int32(), "Source page the attachment starts on.", False),
        _f("page_end", pa.int32(), "Source page the attachment ends on.", False),
        _f("text", pa.string(), "Attachment text (tables excluded)."),
    ],
    "Attachments (附件) of notices.",
    paged=True,
)

CITATIONS = _schema(
    [
        _NOTICE_ID,
        _ISSUE_ID,
        _f("seq", pa.int32(), "Position of the citation in the notice, from 1.", False),
        _f("cited_title", pa.string(), "Title in 《》 just before the 文号, if any."),
        _f("cited_doc_number", pa.string(), "Cited 文号, brackets normalised to 〔〕.", False),
        _f("cited_notice_id", pa.string(), "The cited notice when it is in the corpus."),
        _f(
            "attachment_no",
            pa.int32(),
            "Attachment the citation is in; null for the main document.",
        ),
    ],
    "Documents cited by 文号 inside a notice.",
    paged=True,
)

STATUS_EVENTS = _schema(
    [
        _NOTICE_ID,
        _ISSUE_ID,
        _f("seq", pa.int32(), "Position of the event in the notice, from 1.", False),
        _f(
            "event",
            pa.string(),
            "takes_effect, expires, repealed_by, amended_by or replaces.",
            False,
        ),
        _f(
            "subject",
            pa.string(),
            "Whose status changes: `self` (this notice's document: takes_effect, expires, "
            "replaces, and amended_by from 根据…修正) or `cited` (the cited document, "
            "repealed_by or amended_by this one).",
            False,
        ),
        _f("event_date", pa.date32(), "Day the event takes effect."),
        _f(
            "date_basis",
            pa.string(),
            "Where the date comes from: stated (in the clause), effective (this notice's "
            "effective date: 同时废止), signing, validity, term or plan.",
        ),
        _f("cited_doc_number", pa.string(), "文号 of the other document, if printed."),
        _f("cited_title", pa.string(), "《Title》 of the other document, if printed."),
        _f("sentence", pa.string(), "The sentence that says so.", False),
    ],
    "What a notice says about its own and other documents' legal status: when it takes effect "
    "and expires, which documents it repeals, amends or replaces.",
)

_TABLE_ID = _f(
    "table_id",
    pa.string(),
    "Table id: `<notice_id>-t<seq>` (`<issue_id>-t<seq>` outside notices).",
    False,
)

TABLES = _schema(
    [
        _TABLE_ID,
        _ISSUE_ID,
        _f("notice_id", pa.string(), "Notice the table is printed in, if any."),
        _f("attachment_no", pa.int32(), "Attachment the table is in; null for the main document."),
        _f("caption", pa.string(), "Title printed above the table, or the attachment's title."),
        _f(
            "kind",
            pa.string(),
            "Typed dataset the table feeds (price_items …); null when none knows it.",
        ),
        _f("page_start", pa.int32(), "Source page the table starts on.", False),
        _f("page_end", pa.int32(), "Source page the table ends on (tables cross pages).", False),
        _f("n_rows", pa.int32(), "Rows, header rows included.", False),
        _f("n_cols", pa.int32(), "Columns.", False),
        _f("header_rows", pa.int32(), "Leading rows that are header.", False),
    ],
    "Every table found, whatever its kind: one row per logical table (page blocks merged).",
    paged=True,
)

TABLE_CELLS = _schema(
    [
        _TABLE_ID,
        _ISSUE_ID,
        _f("row", pa.int32(), "Row of the cell's top-left corner, from 0.", False),
        _f("col", pa.int32(), "Column of the cell's top-left corner, from 0.", False),
        _f("row_span", pa.int32(), "Rows the cell covers (merged cells > 1).", False),
        _f("col_span", pa.int32(), "Columns the cell covers.", False),
        _f("is_header", pa.bool_(), "The cell is in a header row.", False),
        _f("text", pa.string(), "Cell text as printed; empty when the source lost it.", False),
    ],
    "The cells of every table, merged cells once with their spans.",
    paged=True,
)

POLLUTANT_CONCENTRATIONS = _schema(
    [
        _TABLE_ID,
        _ISSUE_ID,
        _f("notice_id", pa.string(), "Notice the table is printed in."),
        _f("area", pa.string(), "Area the values are for (主城区 …), from the caption."),
        _f("year", pa.int32(), "Year of the annual mean.", False),
        _f("pollutant", pa.string(), "SO2, NO2, PM10, PM2.5, O3 or CO.", False),
        _f("value", pa.float64(), "Concentration."),
        _f("unit", pa.string(), "Unit from the column header: μg/m3, mg/m3."),
        _f("standard_limit", pa.float64(), "Limit value from the table's standard row."),
        _f("standard_name", pa.string(), "Label of that row, e.g. 环境空气质量标准二级浓度限值."),
    ],
    "Air pollutant concentrations, one row per area, year and pollutant.",
    paged=True,
)

PRICE_ITEMS = _schema(
    [
        _TABLE_ID,
        _ISSUE_ID,
        _f("notice_id", pa.string(), "Notice the table is printed in."),
        _f("seq", pa.int32(), "序号 of the item."),
        _f("code", pa.string(), "项目编码 as text, e.g. 311201070-1."),
        _f("name", pa.string(), "项目名称."),
        _f("content", pa.string(), "项目内涵."),
        _f("exclusions", pa.string(), "除外内容."),
        _f("unit", pa.string(), "计价单位: 次, 管·月 …"),
        _f("note", pa.string(), "说明."),
        _f("grade", pa.string(), "Hospital grade: 三甲, 三乙, 二甲, 二乙, 二乙以下.", False),
        _f("price_yuan", pa.float64(), "Price in yuan; null for a surcharge row."),
        _f(
            "surcharge_pct",
            pa.float64(),
            "Surcharge in percent (39% → 39.0); null for a price row.",
        ),
    ],
    "Medical-service prices, one row per item and hospital grade.",
    paged=True,
)

LAND_PRICE_STANDARDS = _schema(
    [
        _TABLE_ID,
        _ISSUE_ID,
        _f("notice_id", pa.string(), "Notice the table is printed in."),
        _f("land_use", pa.string(), "商服用地, 住宅用地 …", False),
        _f("grade", pa.int32(), "Land grade 1..n (Ⅰ级/I级/一级 → 1).", False),
        _f("grade_label", pa.string(), "Grade as printed.", False),
        _f("frontage", pa.string(), "临街且平街一层 / 其他; null where one price covers both."),
        _f("price_yuan_per_m2", pa.float64(), "Price per square metre."),
        _f("unit", pa.string(), "Unit from the header, e.g. 元/建筑平方米."),
    ],
    "Land and premises price standards, one row per land use, grade and frontage.",
    paged=True,
)

DIAGNOSTICS = _schema(
    [
        _f("source_path", pa.string(), "Path of the source file.", False),
        _f("issue_id", pa.string(), "Issue id, when the file could be hashed."),
        _f("stage", pa.string(), "read, layout, segment, extract, validate or write.", False),
        _f("severity", pa.string(), "error, warning or info.", False),
        _f("code", pa.string(), "Stable machine-readable code, e.g. empty_file.", False),
        _f("message", pa.string(), "One line naming the file and the reason.", False),
        _f("page", pa.int32(), "Source page concerned, if any."),
    ],
    "Everything the pipeline noticed: unreadable files, mismatches, repairs.",
)

DATASETS: dict[str, pa.Schema] = {
    "issues": ISSUES,
    "toc_entries": TOC_ENTRIES,
    "notices": NOTICES,
    "articles": ARTICLES,
    "outline": OUTLINE,
    "attachments": ATTACHMENTS,
    "citations": CITATIONS,
    "status_events": STATUS_EVENTS,
    "tables": TABLES,
    "table_cells": TABLE_CELLS,
    "pollutant_concentrations": POLLUTANT_CONCENTRATIONS,
    "price_items": PRICE_ITEMS,
    "land_price_standards": LAND_PRICE_STANDARDS,
    "diagnostics": DIAGNOSTICS,
}


def markdown() -> str:
    """The schema reference as Markdown (docs/schema.md is this, generated)."""
    out = [
        "# Dataset schemas",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Generated from `schemas/__init__.py` by "
        "`python -m schemas`; do not edit by hand.",
        "",
    ]
    for name, schema in DATASETS.items():
        doc = schema.metadata[b"description"].decode()
        out += [
            f"## `{name}`",
            "",
            doc,
            "",
            "| field | type | null | description |",
            "|---|---|---|---|",
        ]
        for field in schema:
            desc = field.metadata[b"description"].decode() if field.metadata else ""
            out.append(
                f"| `{field.name}` | {field.type} | {'yes' if field.nullable else 'no'} | {desc} |"
            )
        out.append("")
    return "\n".join(out)
