"""OCR of page images (extractors/readers/ocr.py) and the scans it is tested on (tests/scangen).

Pages come from the committed born-digital PDFs (raw/pdf), degraded by tests/scangen; what
the OCR must find is the text layer of the same page. A few pages only, at the resolution the
reader renders scans at: each costs seconds on one core.
"""

from __future__ import annotations

import socket
from functools import cache

import cv2
import numpy as np
import pymupdf
import pytest

from extractors.readers import ocr
from extractors.readers.ocr import OcrSettings, read_image
from extractors.readers.pdf_ocr import OCR_DPI
from tests.conftest import RAW
from tests.scangen import ScanSettings, degrade, render_grey, scan_pdf

PDF_12 = RAW / "pdf" / "luzhou_2024_12_v0.pdf"
SIGNED_PAGE = 5  # 0-based: the 聘任 notice, title block and 文号 泸市府函〔2024〕270号


def _flat(text: str) -> str:
    return "".join(text.split())


@cache
def _born_digital(index: int) -> tuple[str, float, float]:
    with pymupdf.open(PDF_12) as pdf:
        page = pdf[index]
        return _flat(page.get_text()), page.rect.width, page.rect.height


@cache
def _scanned_image(index: int, skew_seed: int = 3) -> np.ndarray:
    """One page of the committed PDF as a noisy scan, rendered back at the OCR resolution."""
    with pymupdf.open(PDF_12) as pdf:
        one = pymupdf.open()
        one.insert_pdf(pdf, from_page=index, to_page=index)
        data = one.tobytes()
    with pymupdf.open(stream=scan_pdf(data, ScanSettings(seed=skew_seed)), filetype="pdf") as s:
        return render_grey(s[0], OCR_DPI)


@cache
def _read(index: int) -> ocr.OcrPage:
    _, width, height = _born_digital(index)
    return read_image(_scanned_image(index), width, height)


def _recall(truth: str, found: str) -> float:
    """Share of the text layer's characters found in order (a longest common subsequence
    would be exact; difflib's matching blocks are a close lower bound)."""
    import difflib

    matcher = difflib.SequenceMatcher(None, truth, found, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(truth)


def test_the_wheel_carries_the_models():
    paths = ocr.model_paths()
    assert set(paths) == {"det", "rec"}
    for path in paths.values():
        with open(path, "rb") as f:
            assert len(f.read(1 << 20)) == 1 << 20  # real weights, not a pointer file


def test_no_network_while_the_engine_loads_and_reads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"OCR tried to connect: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ocr.engine.cache_clear()  # load the models again, under the guard
    image = _scanned_image(SIGNED_PAGE)
    _, width, height = _born_digital(SIGNED_PAGE)
    page = read_image(cv2.imencode(".png", image)[1].tobytes(), width, height)
    assert any("泸市府函〔2024〕270号" in line.text for line in page.lines)


def test_a_noisy_scan_reads_like_the_text_layer():
    """Line by line (reading order is the layout's business, not OCR's): each text-layer
    line's characters are found in the OCR line most like it."""
    _, width, height = _born_digital(SIGNED_PAGE)
    page = _read(SIGNED_PAGE)
    with pymupdf.open(PDF_12) as pdf:
        truth = [
            _flat("".join(s["text"] for s in line["spans"]))
            for block in pdf[SIGNED_PAGE].get_text("dict")["blocks"]
            for line in block.get("lines", [])
        ]
    read = [_flat(line.text) for line in page.lines]
    found = sum(max(_recall(t, r) for r in read) * len(t) for t in truth if t)
    # Measured 0.967 on this page (409 of 423 characters).
    assert found / sum(len(t) for t in truth) >= 0.95
    assert (page.width, page.height) == (width, height)
    assert page.turn == 0
    texts = [line.text for line in page.lines]
    assert "泸州市人民政府" in texts
    assert "泸市府函〔2024〕270号" in texts


def test_lines_have_boxes_in_points_and_confidences():
    page = _read(SIGNED_PAGE)
    with pymupdf.open(PDF_12) as pdf:
        layer = pdf[SIGNED_PAGE].search_for("泸市府函〔2024〕270号")[0]
    line = next(x for x in page.lines if x.text == "泸市府函〔2024〕270号")
    # The scan is skewed and deskewed around the page centre: a few points off at most.
    assert all(abs(a - b) < 6 for a, b in zip(line.bbox, tuple(layer), strict=True))
    assert 0.9 < line.confidence <= 1.0
    assert "".join(c.text for c in line.chars) == line.text
    assert all(0.0 <= c.confidence <= 1.0 for c in line.chars)
    assert line.min_confidence <= line.confidence


@pytest.mark.parametrize("angle", [-1.4, -0.6, 0.8, 1.5])
def test_skew_is_measured_from_the_ink(angle):
    """A clean page turned by a known angle: the measured correction undoes it."""
    with pymupdf.open(PDF_12) as pdf:
        grey = render_grey(pdf[3], OCR_DPI)
    h, w = grey.shape
    turned = cv2.warpAffine(
        grey, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255
    )
    settings = OcrSettings()
    assert ocr._skew(ocr._ink(turned, settings.profile_side), settings) == pytest.approx(
        -angle, abs=0.15
    )


@pytest.mark.parametrize(
    "rotation, turn", [(cv2.ROTATE_90_CLOCKWISE, 270), (cv2.ROTATE_90_COUNTERCLOCKWISE, 90)]
)
def test_pages_fed_sideways_are_turned_upright(rotation, turn):
    image = cv2.rotate(_scanned_image(SIGNED_PAGE), rotation)
    _, width, height = _born_digital(SIGNED_PAGE)
    page = read_image(image, height, width)  # the sideways page is landscape
    assert page.turn == turn
    assert (page.width, page.height) == (width, height)
    assert "泸市府函〔2024〕270号" in [line.text for line in page.lines]


def test_dense_two_column_pages_turn_no_quarter():
    """CJK text set on a grid also aligns in columns: that must not read as a turned page."""
    settings = OcrSettings()
    for index in (3, 19, 20):
        assert not ocr._is_turned(_scanned_image(index), settings), index


def test_scans_are_image_only_deterministic_and_keep_page_sizes():
    with pymupdf.open(PDF_12) as pdf:
        one = pymupdf.open()
        one.insert_pdf(pdf, from_page=4, to_page=6)
        data = one.tobytes()
        sizes = [tuple(pdf[i].rect)[2:] for i in (4, 5, 6)]
    settings = ScanSettings(turned_pages=(1,), seed=7)
    scanned = scan_pdf(data, settings)
    assert scan_pdf(data, settings) == scanned
    with pymupdf.open(stream=scanned, filetype="pdf") as pdf:
        assert [p.get_text().strip() for p in pdf] == ["", "", ""]
        assert all(p.get_images() for p in pdf)
        got = [tuple(p.rect)[2:] for p in pdf]
    assert got == [sizes[0], sizes[1][::-1], sizes[2]]


def test_degrading_skews_within_the_bound_and_adds_noise():
    image = np.full((400, 300), 255, np.uint8)
    image[100:110, 20:280] = 0
    out = degrade(image, ScanSettings(max_skew_deg=1.5), np.random.default_rng(0))
    assert out.shape == image.shape
    assert out[200:300, :].std() > 3  # paper grain on the blank part
    rows = np.where((out < 100).sum(axis=1) > 20)[0]
    drift = rows.max() - rows.min() - 10  # a 260 px rule rises at most 260·tan(1.5°) ≈ 7 px
    assert 0 <= drift <= 8
