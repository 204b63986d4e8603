"""Which pages are OCR'd (extractors/readers/pdf_text_layer.py), and what OCR may not invent.

No recognition runs here: the decisions and the masking are checked on made pages and lines.
"""

from __future__ import annotations

import os

import pymupdf
import pytest

from extractors.metadata.dates import find_dates
from extractors.metadata.docnumber import find_doc_numbers
from extractors.readers.ocr import OcrChar, OcrLine
from extractors.readers.ocr_text import UNSURE, fix_confusions, masked_text
from extractors.readers.ocr_threads import THREADS_ENV, shared_among, threads_from_env
from extractors.readers.pdf_ocr import font_size
from extractors.readers.pdf_text_layer import ocr_reason
from pipeline.workers import map_in_order
from tests.test_pdf_reader import new_page, put


def _reason(page: pymupdf.Page, mode: str = "auto") -> str | None:
    return ocr_reason(page, page.get_text(), mode)


def _image(page: pymupdf.Page, share: float) -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), 0)
    pix.clear_with(230)
    w, h = page.rect.width * share**0.5, page.rect.height * share**0.5
    page.insert_image(pymupdf.Rect(0, 0, w, h), pixmap=pix)


def test_pages_with_an_image_and_no_text_are_read_by_ocr():
    doc = pymupdf.open()
    page = new_page(doc)
    _image(page, 1.0)
    assert _reason(page) == "no_text_layer"
    assert _reason(page, "never") is None
    assert _reason(new_page(doc)) is None  # blank: nothing to read


def test_a_text_layer_of_unmapped_glyphs_is_read_by_ocr():
    doc = pymupdf.open()
    page = new_page(doc)
    put(page, 60, 100, "宜宾市人民政府关于加强管理的通知")
    for i in range(3):
        put(page, 60, 130 + 18 * i, "\ue000\ue001\ue002" * 5)
    assert _reason(page) == "unmapped_glyphs"


def test_latin_text_over_a_page_sized_image_is_read_by_ocr():
    doc = pymupdf.open()
    page = new_page(doc)
    _image(page, 0.9)
    page.insert_text((60, 100), "Xa~nM fU0 qP$ lorem ipsum dolor sit amet " * 2, fontsize=9)
    assert _reason(page) == "not_chinese"
    # The same text without the scan under it is a page in a foreign language: kept.
    plain = new_page(doc)
    plain.insert_text((60, 100), "Xa~nM fU0 qP$ lorem ipsum dolor sit amet " * 2, fontsize=9)
    assert _reason(plain) is None


def test_born_digital_chinese_pages_keep_their_text_layer_unless_always():
    doc = pymupdf.open()
    page = new_page(doc)
    _image(page, 0.9)  # a letterhead or a photo under the text does not matter
    put(page, 60, 100, "宜宾市人民政府关于加强管理的通知")
    put(page, 60, 120, "宜府发〔2024〕3号")
    assert _reason(page) is None
    assert _reason(page, "always") == "ocr_always"


def _line(text: str, confidences: list[float]) -> OcrLine:
    chars = tuple(
        OcrChar(c, conf, (10.0 * i, 0.0, 10.0 * i + 10, 10.0))
        for i, (c, conf) in enumerate(zip(text, confidences, strict=True))
    )
    mean = sum(confidences) / len(confidences)
    return OcrLine(text, (0.0, 0.0, 10.0 * len(text), 10.0), mean, chars)


def test_unsure_digits_never_make_a_doc_number_or_a_date():
    number = _line("宜府发〔2024〕13号", [0.99] * 9 + [0.31] + [0.99] * 2)
    masked = masked_text(number, 0.5)
    assert masked == f"宜府发〔2024〕{UNSURE}3号"
    assert find_doc_numbers(masked) == []
    date = _line("2024年12月5日", [0.99] * 6 + [0.42] + [0.99] * 3)
    masked = masked_text(date, 0.5)
    assert masked == f"2024年1{UNSURE}月5日"
    assert find_dates(masked) == []


def test_unsure_punctuation_stays_as_read():
    line = _line("（2024）", [0.4, 0.99, 0.99, 0.99, 0.99, 0.45])
    assert masked_text(line, 0.5) == "（2024）"


def test_confusions_no_reading_could_mean_are_undone():
    assert fix_confusions("-12一") == "-12—"
    assert fix_confusions("sO2(μg/m3)") == "SO2(μg/m3)"
    assert fix_confusions("规划(2024—2025年）》") == "规划（2024—2025年）》"
    # Words stay words, Chinese 一 stays where it means one.
    for text in ("so是", "cost", "第一条", "一、总则"):
        assert fix_confusions(text) == text


@pytest.mark.parametrize(
    "text, width, size",
    [("宜宾市人民政府关于加强管理的通知", 168.0, 10.5), ("2024年12月5日", 72.0, 10.5)],
)
def test_type_size_from_the_line_width(text, width, size):
    line = OcrLine(text, (60.0, 100.0, 60.0 + width, 100.0 + size * 1.25), 0.99)
    assert font_size(line) == pytest.approx(size, rel=0.15)


def _ocr_threads_in_worker(_: int) -> str | None:
    return os.environ.get(THREADS_ENV)


def test_each_pool_worker_gives_its_ocr_engine_a_share_of_the_cores(monkeypatch) -> None:
    # N engines of one thread per core would oversubscribe the machine N times.
    monkeypatch.delenv(THREADS_ENV, raising=False)
    cores = len(os.sched_getaffinity(0))
    seen = set(map_in_order(_ocr_threads_in_worker, range(4), 2, lambda _: None))
    assert seen == {str(max(1, cores // 2))}
    assert threads_from_env() is None  # this process keeps onnxruntime's default
    monkeypatch.setenv(THREADS_ENV, "3")  # the user's choice is kept
    assert set(map_in_order(_ocr_threads_in_worker, range(2), 2, lambda _: None)) == {"3"}


def test_a_lone_file_s_worker_takes_every_core_for_ocr(monkeypatch) -> None:
    # One file and two workers: the other worker sits idle, so the busy one has the machine.
    monkeypatch.delenv(THREADS_ENV, raising=False)
    cores = len(os.sched_getaffinity(0))
    assert set(map_in_order(_ocr_threads_in_worker, range(1), 2, lambda _: None)) == {str(cores)}


def test_pages_read_by_several_processes_share_the_ocr_threads(monkeypatch) -> None:
    monkeypatch.setenv(THREADS_ENV, "4")
    with shared_among(2):
        assert threads_from_env() == 2
        with shared_among(8):
            assert threads_from_env() == 1  # never none
    assert threads_from_env() == 4
    monkeypatch.delenv(THREADS_ENV)
    with shared_among(1):
        assert threads_from_env() is None  # one process: onnxruntime's default, as before
    assert THREADS_ENV not in os.environ
