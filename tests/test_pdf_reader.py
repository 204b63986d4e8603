"""The PDF reader on small PDFs drawn here: reading order, furniture, page labels, bad files."""

import pymupdf
import pytest

from extractors.extract import extract_bytes
from extractors.layout.clean import clean_layout
from extractors.model import Source
from extractors.readers.pdf import read_pdf

FONT = pymupdf.Font("cjk")


def new_page(doc: pymupdf.Document, width: float = 595, height: float = 842) -> pymupdf.Page:
    page = doc.new_page(width=width, height=height)
    page.insert_font(fontname="cjk", fontbuffer=FONT.buffer)
    return page


def put(
    page: pymupdf.Page, x: float, y: float, text: str, size: float = 10.5, rotate: int = 0
) -> None:
    page.insert_text((x, y), text, fontname="cjk", fontsize=size, rotate=rotate)


def column(page: pymupdf.Page, x: float, y: float, lines: list[str]) -> None:
    for i, text in enumerate(lines):
        put(page, x, y + i * 18, text)


def pdf_bytes(doc: pymupdf.Document) -> bytes:
    doc.subset_fonts()
    return doc.tobytes(garbage=3, deflate=True)


def gazette_page(doc: pymupdf.Document, number: int) -> pymupdf.Page:
    page = new_page(doc)
    put(page, 60, 50, "宜宾市人民政府公报 2024年第3期", 9)
    put(page, 470, 50, "市政府文件", 9)
    page.draw_line((60, 56), (535, 56))
    put(page, 285, 810, f"— {number} —", 9)
    return page


def read(data: bytes):
    return clean_layout(read_pdf(data, Source("t.pdf", "0" * 64, "pdf")))


def test_two_columns_under_a_full_width_title_read_left_then_right():
    doc = pymupdf.open()
    page = gazette_page(doc, 12)
    put(page, 120, 100, "宜宾市人民政府关于加强城市管理工作的通知", 16)
    put(page, 250, 128, "宜府发〔2024〕3号", 11)
    column(
        page,
        60,
        170,
        ["第一条 为了加强城市管理，", "根据有关法律法规，结合本", "市实际，制定本办法。"],
    )
    column(page, 310, 170, ["第二条 本办法适用于本市", "城市规划区。", "第三条 市城市管理部门负责"])
    body = [line.text for line in read(pdf_bytes(doc)).pages[0].lines if line.kind == "body"]
    assert body == [
        "宜宾市人民政府关于加强城市管理工作的通知",
        "宜府发〔2024〕3号",
        "第一条 为了加强城市管理，",
        "根据有关法律法规，结合本",
        "市实际，制定本办法。",
        "第二条 本办法适用于本市",
        "城市规划区。",
        "第三条 市城市管理部门负责",
    ]


def test_header_band_and_footer_are_furniture_and_label_the_page():
    doc = pymupdf.open()
    page = gazette_page(doc, 12)
    column(page, 60, 170, ["正文第一行。", "正文第二行。", "正文第三行。"])
    read_back = read(pdf_bytes(doc))
    kinds = {line.text: line.kind for line in read_back.pages[0].lines}
    assert kinds["宜宾市人民政府公报2024年第3期"] == "running_header"
    assert kinds["市政府文件"] == "section_label"
    assert kinds["—12—"] == "page_number"
    assert read_back.pages[0].label == "12"


def test_signature_flush_right_is_not_a_column():
    doc = pymupdf.open()
    page = gazette_page(doc, 3)
    put(page, 60, 150, "现将有关事项通知如下，请认真贯彻执行。")
    put(page, 400, 200, "宜宾市人民政府")
    put(page, 410, 220, "2024年5月6日")
    body = [line.text for line in read(pdf_bytes(doc)).pages[0].lines if line.kind == "body"]
    assert body == ["现将有关事项通知如下，请认真贯彻执行。", "宜宾市人民政府", "2024年5月6日"]


def test_content_set_sideways_is_turned_back():
    doc = pymupdf.open()
    page = new_page(doc)
    put(page, 100, 700, "侧排表格第一行", rotate=90)
    put(page, 130, 700, "侧排表格第二行", rotate=90)
    put(page, 160, 700, "侧排表格第三行", rotate=90)
    read_back = read(pdf_bytes(doc))
    assert [line.text for line in read_back.pages[0].lines] == [
        "侧排表格第一行",
        "侧排表格第二行",
        "侧排表格第三行",
    ]
    assert read_back.pages[0].rotation == 90


def test_ruled_table_becomes_a_grid_and_leaves_the_body():
    doc = pymupdf.open()
    page = gazette_page(doc, 4)
    put(page, 60, 120, "附表如下。")
    xs, ys = [60, 200, 320, 440], [140, 165, 190, 215]
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y))
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]))
    cells = [["年份", "SO2", "NO2"], ["2018年", "14.0", "31.7"], ["2019年", "11.1", "30.2"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            put(page, xs[c] + 5, ys[r] + 17, text)
    read_back = read(pdf_bytes(doc))
    assert read_back.tables[0].rows == cells
    kinds = [
        (line.kind, line.text)
        for line in read_back.pages[0].lines
        if line.kind in ("body", "table")
    ]
    assert kinds == [("body", "附表如下。"), ("table", "")]


def test_merged_cells_keep_their_spans():
    doc = pymupdf.open()
    page = gazette_page(doc, 5)
    # 商服用地 spans two rows; 价格 spans two columns in the header.
    page.draw_rect((60, 140, 420, 215))
    page.draw_line((60, 165), (420, 165))
    page.draw_line((160, 190), (420, 190))
    page.draw_line((160, 140), (160, 215))
    page.draw_line((290, 165), (290, 215))
    put(page, 65, 157, "土地用途")
    put(page, 165, 157, "价格")
    put(page, 65, 195, "商服用地")
    for x, y, t in [(165, 182, "1425"), (295, 182, "475"), (165, 207, "935"), (295, 207, "405")]:
        put(page, x, y, t)
    grid = read(pdf_bytes(doc)).tables[0]
    assert grid.rows[0][:2] == ["土地用途", "价格"]
    assert (0, 1, 1, 2) in grid.spans
    assert (1, 0, 2, 1) in grid.spans


def test_bad_pdfs_each_give_one_clear_error():
    def codes(data: bytes) -> list[str]:
        result = extract_bytes(data, "x.pdf")
        assert not result.ok
        return [d.code for d in result.diagnostics if d.severity == "error"]

    assert codes(b"%PDF-1.7\n1 0 obj broken beyond repair") == ["corrupt_pdf"]

    encrypted = pymupdf.open()
    put(new_page(encrypted), 60, 100, "保密文件")
    data = encrypted.tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner"
    )
    assert codes(data) == ["encrypted_pdf"]

    scan = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), 0)
    pix.clear_with(200)
    new_page(scan).insert_image(pymupdf.Rect(60, 60, 300, 300), pixmap=pix)
    assert codes(scan.tobytes()) == ["no_text_layer"]

    invoice = pymupdf.open()
    page = new_page(invoice)
    for i, text in enumerate(
        ["增值税普通发票", "购买方：某某有限公司", "金额合计：¥1,280.00", "开票日期：2024年5月6日"]
    ):
        put(page, 60, 100 + 20 * i, text)
    assert codes(pdf_bytes(invoice)) == ["not_a_gazette"]


def test_zero_pages_and_truncated_files():
    zero = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
    result = extract_bytes(zero, "zero.pdf")
    assert not result.ok
    assert [d.code for d in result.diagnostics] in (["empty_pdf"], ["corrupt_pdf"])

    doc = pymupdf.open()
    column(gazette_page(doc, 1), 60, 170, ["宜宾市人民政府关于加强管理的通知"])
    data = pdf_bytes(doc)
    cut = extract_bytes(data[: len(data) // 3], "cut.pdf")
    assert not cut.ok
    assert len([d for d in cut.diagnostics if d.severity == "error"]) == 1


@pytest.mark.parametrize("private", ["\ue000\ue001\ue002" * 20])
def test_private_use_text_is_reported_as_a_broken_text_layer(private):
    doc = pymupdf.open()
    page = new_page(doc)
    put(page, 60, 100, "宜宾市人民政府关于加强管理的通知")
    for i in range(5):
        put(page, 60, 130 + 18 * i, private)
    diagnostics = read_pdf(doc.tobytes(), Source("t.pdf", "0" * 64, "pdf")).diagnostics
    assert [d.code for d in diagnostics] == ["broken_text_layer"]
