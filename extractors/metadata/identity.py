"""Which official document a notice is: one id for every copy of it, whatever the source.

The same document read from a PDF, a text dump, converter Markdown or a web page is one
document. What identifies an official document, in order:

1. its 文号 (泸市府办规〔2024〕7号): the agency code (发文机关代字) is the issuer's own, so the
   文号 names issuer and document at once; adding the issuer's name as a source spells it
   would split one document whenever a source's title lacks or varies it;
2. its 令/公告 number with the organ that numbers them (宜宾市人民政府令第5号); a bare 第5号
   gets the first issuer in front;
3. otherwise its title and date (signing date, else effective date): a regulation printed
   without a number, a web page of a notice that has none.

The id is the first 16 hex digits of the SHA-256 of that key (rows.ids.document_id).
"""

from __future__ import annotations

from datetime import date

from extractors.metadata.docnumber import parse_doc_number

__all__ = ["document_key"]


def document_key(
    doc_number: str | None,
    issuers: list[str] | None,
    title: str,
    signing_date: date | None,
    effective_date: date | None,
) -> str:
    if doc_number:
        number = parse_doc_number(doc_number)
        if number is not None:
            return f"文号:{number.text}"
        if doc_number.startswith("第") and issuers:
            return f"编号:{issuers[0]}{doc_number}"
        return f"编号:{doc_number}"
    day = signing_date or effective_date
    return f"标题:{title}@{day.isoformat() if day else ''}"
