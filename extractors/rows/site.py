"""What a website or legal database says about the document it publishes, on its rows.

Which source wins (docs/design.md): the document's own text for every field it prints. The
site's 文号, 成文日期 and stated validity (生效时间 / 废止时间) fill `doc_number`,
`signing_date`, `effective_date` / `expiry_date` only when the text has none (a site writes
国令第706号 where the order prints 中华人民共和国国务院令 第706号; a page may cut the 文号
line off). Publication date, publishing organ and source URL are the site's alone: every
notice the page holds was published there, then, by that organ.
"""

from __future__ import annotations

from datetime import date

from extractors.metadata.docnumber import parse_doc_number
from extractors.metadata.organs import is_org_name, split_organs
from extractors.segmentation.site_metadata import SiteHeader
from extractors.textnorm import compact

# Notice columns only the site gives.
SITE_COLUMNS = ("publication_date", "publishing_organ", "source_url")


def site_columns(site: SiteHeader | None) -> dict:
    """The site columns of every notice row: null when the source has no site block."""
    if site is None:
        return dict.fromkeys(SITE_COLUMNS)
    published = site.get("publication_date")
    return {
        "publication_date": date.fromisoformat(published) if published else None,
        "publishing_organ": site.get("publishing_organ"),
        "source_url": site.get("source_url"),
    }


def fill_from_site(row: dict, site: SiteHeader) -> dict:
    """The page's document row with the site's 文号 / 成文日期 / validity where its text printed
    none."""
    row = dict(row)
    number_text = site.get("doc_number")
    if row.get("doc_number") is None and number_text:
        number = parse_doc_number(number_text)
        row["doc_number"] = number.text if number else number_text
        if number is not None:
            row["doc_agency_code"] = number.agency_code
            row["doc_year"] = number.year
            row["doc_serial"] = number.serial
            row["is_normative"] = number.is_normative
    for name in ("signing_date", "effective_date", "expiry_date"):
        stated = site.get(name)
        if row.get(name) is None and stated:
            row[name] = date.fromisoformat(stated)
    return _complete_title(row, site.title or site.get("title"))


def _complete_title(row: dict, page_title: str | None) -> dict:
    """The page title completes a title of which segmentation found only the 关于… tail (the
    issuers printed on a line of their own: 国务院办公厅、中央军委办公厅 / 关于加强……的通知);
    issuers then come from the title, as they do when it is read whole."""
    title = row.get("title")
    if not title or not page_title:
        return row
    full, tail = compact(page_title), compact(title)
    if not (tail.startswith("关于") and full.endswith(tail) and len(full) > len(tail)):
        return row
    row["title"] = page_title.strip()
    organs = split_organs(full[: -len(tail)])
    if organs and all(is_org_name(organ) for organ in organs):
        row["issuers"] = organs
    return row


def with_site(notices: list[dict], site: SiteHeader | None) -> list[dict]:
    """Notice rows with the site columns; the first (the page's document) filled from it."""
    columns = site_columns(site)
    rows = [{**row, **columns} for row in notices]
    if site is not None and rows:
        rows[0] = fill_from_site(rows[0], site)
    return rows
