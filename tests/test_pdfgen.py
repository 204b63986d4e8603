"""The gazette PDF generator (tests/pdfgen): content files, and PDFs that look printed.

Checks are made on the PDF, read back with PyMuPDF and pdfplumber, not on the generator's
own bookkeeping (which is only used to find pages quickly and is cross-checked).
"""

from __future__ import annotations

import functools
import io
import re
import time

import pdfplumber
import pymupdf
import pytest

from tests.pdfgen import (
    build_issue_layout,
    build_issue_pdf,
    content_files,
    load_content,
    variant,
)
from tests.pdfgen.__main__ import main as cli_main
from tests.pdfgen.geometry import geometry

ISSUES = ["luzhou_2024_12", "luzhou_2024_09_10"]
VARIANTS = [0, 3, 4, 7]  # 3: /Rotate 90 landscape, 4: 16mo page, sideways table turned cw


@functools.cache
def built(name: str, n: int):
    return build_issue_layout(load_content(name), variant(n))


def open_pdf(name: str, n: int) -> pymupdf.Document:
    return pymupdf.open("pdf", built(name, n)[0])


def notices(issue: dict):
    for sec in issue["sections"]:
        for n in sec["notices"]:
            yield sec["name"], n


def spans(page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect, float]]:
    """(text, bbox in the page as seen, font size) of every text span."""
    out = []
    m = page.rotation_matrix
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for s in line["spans"]:
                if s["text"].strip():
                    out.append((s["text"], pymupdf.Rect(s["bbox"]) * m, s["size"]))
    return out


def bands(page: pymupdf.Page, n: int) -> tuple[float, float]:
    """y where the body area starts and ends on `page` for variant `n`."""
    g = geometry(variant(n))
    if page.rect.width > page.rect.height:
        return g.land.y, g.land.y + g.land.h
    return g.top, g.top + g.box_h


FOOTER = re.compile(r"^(?:—\s*(\d+)\s*—|-(\d+)-|(\d+))$")


def printed_number(page: pymupdf.Page, n: int) -> int | None:
    _, bottom = bands(page, n)
    for text, r, _ in spans(page):
        m = FOOTER.match(text.strip())
        if m and r.y0 > bottom:
            return int(next(g for g in m.groups() if g))
    return None


def header_spans(page: pymupdf.Page, n: int) -> list[tuple[str, pymupdf.Rect, float]]:
    top, _ = bands(page, n)
    return [s for s in spans(page) if s[1].y1 < top - 4]


def body_pages(doc: pymupdf.Document, layout) -> range:
    return range(layout.front_pages, layout.front_pages + len(layout.body_numbers))


# -- content files -----------------------------------------------------------------------------


def test_content_files_are_the_two_samples():
    assert [p.stem for p in content_files()] == sorted(ISSUES)


@pytest.mark.parametrize("name", ISSUES)
def test_content_schema(name):
    issue = load_content(name)
    assert issue["schema"] == "gazette-pdfgen-content/1"
    assert issue["gazette_name"] == "泸州市人民政府公报" and issue["year"] == 2024
    seen = set()
    for section, n in notices(issue):
        assert section in {"市政府文件", "市政府办公室文件", "部门文件"}
        for key in (
            "doc_number",
            "issuers",
            "title",
            "title_lines",
            "addressees",
            "signature",
            "date",
            "body",
        ):
            assert key in n, (n["doc_number"], key)
        assert n["doc_number"] not in seen
        seen.add(n["doc_number"])
        assert re.fullmatch(r"泸市\S+〔2024〕\d+号", n["doc_number"])
        assert "".join(n["title_lines"]) == n["title"].replace(" ", "")
        assert re.fullmatch(r"2024年\d{1,2}月\d{1,2}日", n["date"])
        for b in n["body"]:
            assert b["kind"] in {
                "paragraph",
                "heading",
                "chapter",
                "section",
                "article",
                "table",
                "figure",
            }
    assert len(seen) == {"luzhou_2024_12": 9, "luzhou_2024_09_10": 6}[name]


CN = "一二三四五六七八九十"


def cn(i: int) -> str:
    if i <= 10:
        return CN[i - 1]
    if i < 20:
        return "十" + CN[i - 11]
    return CN[i // 10 - 1] + "十" + (CN[i % 10 - 1] if i % 10 else "")


@pytest.mark.parametrize(
    ("name", "doc", "count", "chapters"),
    [
        ("luzhou_2024_09_10", "泸市府办规〔2024〕7号", 15, 0),
        ("luzhou_2024_09_10", "泸市府办函〔2024〕54号", 13, 0),
        ("luzhou_2024_09_10", "泸市卫规〔2024〕1号", 20, 5),
        ("luzhou_2024_12", "泸市监规发〔2024〕2号", 22, 0),
    ],
)
def test_articles_transcribed_in_full(name, doc, count, chapters):
    n = next(n for _, n in notices(load_content(name)) if n["doc_number"] == doc)
    assert not n.get("abridged")
    labels = [b["label"] for b in n["body"] if b["kind"] == "article"]
    assert labels == [f"第{cn(i)}条" for i in range(1, count + 1)]
    assert [b["label"] for b in n["body"] if b["kind"] == "chapter"] == [
        f"第{cn(i)}章" for i in range(1, chapters + 1)
    ]


def find_table(name: str, doc: str, pred) -> dict:
    n = next(n for _, n in notices(load_content(name)) if n["doc_number"] == doc)
    tables = [b["table"] for b in n["body"] if b["kind"] == "table"]
    tables += [t for a in n.get("attachments") or [] for t in a.get("tables") or []]
    return next(t for t in tables if pred(t))


def test_table_values_copied_from_the_samples():
    land = find_table("luzhou_2024_12", "泸市自然资规函〔2024〕425号", lambda t: True)
    assert [r[2:] for r in land["rows"][:7]] == [
        ["1425", "475"], ["935", "405"], ["798", "293"], ["678", "249"], ["333", "167"], ["300", "150"], ["240", "104"],
    ]  # fmt: skip
    assert [r[2] for r in land["rows"][7:]] == ["368", "333", "320", "287", "258", "220", "140"]
    assert {"row": 2, "col": 0, "row_span": 7, "col_span": 1} in land["spans"]
    assert {"row": 9, "col": 2, "row_span": 1, "col_span": 2} in land["spans"]

    price = find_table("luzhou_2024_12", "泸市医保规〔2024〕4号", lambda t: True)
    assert len(price["rows"]) == 17 and price["orientation"] == "landscape"
    assert price["header_rows"][1][7:] == ["三甲", "三乙", "二甲", "二乙", "二乙以下"]
    assert price["rows"][0][:3] == ["1", "311201069", "取卵术"] and price["rows"][0][7:] == [
        "1769",
        "1621",
        "1474",
        "1327",
        "1179",
    ]
    assert price["rows"][16][7:] == ["660", "605", "550", "495", "440"]

    air = find_table("luzhou_2024_09_10", "泸市府办发〔2024〕39号", lambda t: True)
    assert air["caption"] == "2018—2023年主城区污染物年均浓度评价结果"
    assert len(air["rows"]) == 7 and all(len(r) == 7 for r in air["rows"])
    assert air["rows"][5] == ["2023年", "8.3", "22.5", "65.6", "43.8", "148.0", "1.0"]
    assert air["rows"][6][1:] == ["60", "40", "70", "35", "160", "4.0"]

    sites = find_table(
        "luzhou_2024_12",
        "泸市府室发〔2024〕34号",
        lambda t: t["header_rows"] and t["header_rows"][0][1] == "检查网站",
    )
    assert len(sites["rows"]) == 13 and sites["rows"][0][1] == "中国·四川泸州长江经济开发区网站"


# -- the PDFs --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ISSUES)
def test_pdf_opens_with_cjk_font_embedded_and_subset(name):
    data, layout = built(name, 0)
    doc = pymupdf.open("pdf", data)
    assert len(doc) == layout.front_pages + len(layout.body_numbers) + layout.back_pages
    assert 15 <= len(doc) <= 80
    fonts = {f for page in doc for f in page.get_fonts()}
    assert fonts, "no font"
    for xref, ext, ftype, basename, _, encoding in fonts:
        assert ext == "ttf"
        assert ftype == "Type0" and encoding == "Identity-H"
        assert re.fullmatch(r"[A-Z]{6}\+Droid Sans Fallback.*", basename), basename  # subset tag
        _, fext, _, buffer = doc.extract_font(xref)
        assert fext == "ttf" and 0 < len(buffer) < 1_000_000  # the whole font is 3.5 MB
    assert doc.metadata["creationDate"] == doc.metadata["modDate"]
    assert "泸州市人民政府公报" in doc[0].get_text()
    assert doc.metadata["title"].startswith("泸州市人民政府公报 2024年第")


@pytest.mark.parametrize("n", VARIANTS)
@pytest.mark.parametrize("name", ISSUES)
def test_toc_numbers_are_the_printed_pages_where_notices_start(name, n):
    doc = open_pdf(name, n)
    issue = load_content(name)
    layout = built(name, n)[1]
    numbered = {printed_number(doc[i], n): i for i in body_pages(doc, layout)}
    assert None not in numbered
    found = {}
    for i in range(1, layout.front_pages):
        words = [
            (w[4], pymupdf.Rect(w[:4]) * doc[i].rotation_matrix) for w in doc[i].get_text("words")
        ]
        for _, nt in notices(issue):
            for text, r in words:
                if nt["doc_number"] not in text:
                    continue
                same = [(r2.x0, t2) for t2, r2 in words if abs(r2.y1 - r.y1) < 2 and r2.x0 > r.x1]
                num = re.fullmatch(r"（?(\d+)）?", max(same)[1])
                found[nt["doc_number"]] = int(num.group(1))
    assert set(found) == {nt["doc_number"] for _, nt in notices(issue)}
    assert found == layout.notice_pages
    # (not page.search_for: MuPDF's search dehyphenates across the "-12-" footer and then
    # reports hits at the wrong places)
    for _, nt in notices(issue):
        page = spans(doc[numbered[found[nt["doc_number"]]]])
        big = {t: r for t, r, size in page if size > variant(n).body_size + 1}
        assert set(nt["title_lines"]) <= set(big), nt["doc_number"]
        longest = max(nt["title_lines"], key=len)
        number = [r for t, r, _ in page if t == nt["doc_number"]]
        assert len(number) == 1 and number[0].y0 > big[longest].y0, nt["doc_number"]


@pytest.mark.parametrize("n", VARIANTS)
@pytest.mark.parametrize("name", ISSUES)
def test_running_header_alternates_and_footer_numbers_run_on(name, n):
    doc = open_pdf(name, n)
    issue = load_content(name)
    layout = built(name, n)[1]
    sections = {s["name"] for s in issue["sections"]}
    numbers = []
    for i in body_pages(doc, layout):
        page = doc[i]
        num = printed_number(page, n)
        numbers.append(num)
        head = header_spans(page, n)
        texts = [t for t, _, _ in head]
        mid = page.rect.width / 2
        if num % 2 == 0:
            assert any(t == "泸州市人民政府公报" for t in texts), (i, texts)
            assert all(r.x1 < mid for _, r, _ in head), (i, texts)
            assert not sections & set(texts)
        else:
            assert len(texts) == 1 and texts[0] in sections, (i, texts)
            assert head[0][1].x0 > mid
    assert numbers == layout.body_numbers
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert numbers[0] == (layout.toc_pages + 1 if variant(n).toc_counts else 1)
    style = {"dash": "— {} —", "plain": "{}", "hyphen": "-{}-"}[variant(n).footer_style]
    assert style.format(numbers[-1]) in doc[layout.front_pages + len(numbers) - 1].get_text()


def test_header_rule_under_every_running_header():
    doc = open_pdf("luzhou_2024_12", 0)
    layout = built("luzhou_2024_12", 0)[1]
    for i in body_pages(doc, layout):
        top, _ = bands(doc[i], 0)
        rules = [
            d for d in doc[i].get_drawings()
            if d["rect"].height < 2 and d["rect"].width > 300 and d["rect"].y0 < top
        ]  # fmt: skip
        assert rules, i


def page_with(doc: pymupdf.Document, text: str) -> pymupdf.Page:
    return next(p for p in doc if text in p.get_text().replace("\n", ""))


def test_tables_are_ruled_and_pdfplumber_reads_them():
    data, _ = built("luzhou_2024_12", 0)
    doc = pymupdf.open("pdf", data)
    land = page_with(doc, "商服用地")
    sites = page_with(doc, "中国·四川泸州长江经济开发区网站")
    assert len(land.get_drawings()) > 20 and len(sites.get_drawings()) > 20
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = pdf.pages[land.number].find_tables()
        assert len(tables) == 1
        assert len(tables[0].rows) == 2 + 14  # two header rows, 7 商服用地 + 7 住宅用地
        cells = tables[0].extract()
        flat = [c for row in cells for c in row if c]
        assert "商服用地" in flat and "住宅用地" in flat and "1425" in flat and "140" in flat

        rows = pdf.pages[sites.number].extract_table()
        assert len(rows) == 1 + 13
        clean = [[(c or "").replace("\n", "") for c in r] for r in rows]
        assert clean[0] == ["序号", "检查网站", "存在问题", "是否整改完成"]
        assert clean[1] == [
            "1",
            "中国·四川泸州长江经济开发区网站",
            "《问卷调查》没有调查结果",
            "整改完成",
        ]
        assert clean[13][0] == "13"


@pytest.mark.parametrize("n", [0, 3])
def test_landscape_price_table_repeats_its_header(n):
    doc = open_pdf("luzhou_2024_12", n)
    landscape = [p for p in doc if p.rect.width > p.rect.height]
    assert len(landscape) >= 2
    assert "取卵术" in landscape[0].get_text()
    assert "单精子注射-卵子激活（加收）" in landscape[-1].get_text().replace("\n", "")
    for p in landscape:
        text = p.get_text().replace("\n", "")
        assert "序号" in text and "二乙以下" in text and "价格（元）" in text
        assert len(p.get_drawings()) > 30
        assert p.rotation == (90 if variant(n).landscape_mode == "rotate" else 0)


@pytest.mark.parametrize("n", [0, 4])
def test_sideways_table_on_an_upright_page(n):
    doc = open_pdf("luzhou_2024_09_10", n)
    page = page_with(doc, "每增加一项加收")
    assert page.rect.width < page.rect.height and page.rotation == 0
    dirs = {
        tuple(round(v) for v in line["dir"])
        for b in page.get_text("dict")["blocks"]
        for line in b.get("lines", [])
        if any("核糖核酸" in s["text"] for s in line["spans"])
    }
    assert dirs and dirs.isdisjoint({(1, 0)})
    assert page.get_drawings()


def test_body_text_reads_back():
    doc = open_pdf("luzhou_2024_09_10", 0)
    text = "".join(p.get_text().replace("\n", "") for p in doc)
    assert "第十五条　本办法自2024年10月19日起施行，有效期5年。" in text
    assert "第一章　组织管理" in text
    assert "泸市府办规〔2024〕7号" in text


def test_variants_change_the_geometry():
    a, b = open_pdf("luzhou_2024_09_10", 0), open_pdf("luzhou_2024_09_10", 3)
    la, lb = built("luzhou_2024_09_10", 0)[1], built("luzhou_2024_09_10", 3)[1]

    def article_one(doc, layout):
        for i in body_pages(doc, layout):
            for text, r, size in spans(doc[i]):
                if text.startswith("第一条"):
                    return round(r.x0, 1), round(size, 1)
        raise AssertionError("no 第一条")

    xa, sa = article_one(a, la)
    xb, sb = article_one(b, lb)
    assert (xa, sa) != (xb, sb)
    assert variant(0) != variant(3) and variant(5) == variant(5)
    sizes = {variant(k).body_size for k in range(1, 30)}
    assert min(sizes) >= 9 and max(sizes) <= 11 and len(sizes) > 2
    assert {variant(k).columns for k in range(1, 30)} == {1, 2}
    assert {variant(k).footer_style for k in range(1, 30)} == {"dash", "plain", "hyphen"}


@pytest.mark.parametrize("name", ISSUES)
def test_deterministic_and_fast(name):
    content = load_content(name)
    t = time.perf_counter()
    first = build_issue_pdf(content, variant(2))
    elapsed = time.perf_counter() - t
    assert first == build_issue_pdf(content, variant(2))
    assert first != build_issue_pdf(content, variant(0))
    assert elapsed < 2.0


def test_cli_writes_a_pdf_per_content_file(tmp_path, capsys):
    assert cli_main([str(tmp_path), "--variant", "1"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"{name}_v1.pdf" for name in sorted(ISSUES)]
    for p in tmp_path.iterdir():
        assert p.read_bytes().startswith(b"%PDF-")
    assert "pages" in capsys.readouterr().out


@pytest.mark.parametrize("n", VARIANTS)
@pytest.mark.parametrize("name", ISSUES)
def test_text_stays_in_the_text_block_and_keeps_kinsoku(name, n):
    doc = open_pdf(name, n)
    layout = built(name, n)[1]
    g = geometry(variant(n))
    for i in body_pages(doc, layout):
        k = i - layout.front_pages
        if layout.orientations[k] != "portrait":
            continue
        area = g.portrait(layout.body_numbers[k] % 2 == 0)
        for block in doc[i].get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                x0, _, x1, _ = line["bbox"]
                assert area.x - 1 <= x0 and x1 <= area.x + area.w + 1.5, (i, line["bbox"])
                text = "".join(s["text"] for s in line["spans"])
                assert text[:1] not in set("，。、；：？！）》」”"), (i, text)
