"""Damaged inputs are read as far as they go: PDFs cut short or with a rebuilt xref say so
in a diagnostic instead of crashing; text with a stray NUL, a lone surrogate or UTF-16 without
a byte-order mark is decoded instead of rejected.

Real extraction of the committed samples, damaged the way downloads and tools damage files.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pytest

from extractors.extract import extract_bytes
from extractors.readers.sniff import UnreadableInput, sniff
from pipeline.runner import run
from tests.conftest import RAW

PDF = RAW / "pdf" / "luzhou_2024_12_v0.pdf"  # 9 notices


def test_truncated_and_repaired_pdfs_are_diagnostics_and_the_rest_is_read(tmp_path: Path) -> None:
    data = PDF.read_bytes()
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_whole.pdf").write_bytes(data)
    # Cut at 65 %: MuPDF opens it but cannot count its pages (it raised code=7 outside the try).
    (inputs / "b_cut_early.pdf").write_bytes(data[: int(len(data) * 0.65)])
    # Cut in its last bytes: MuPDF rebuilds the xref and reads every page; the file still lies.
    (inputs / "c_cut_late.pdf").write_bytes(data[: len(data) - 200])
    lines: list[str] = []
    result = run([inputs], tmp_path / "out", on_problem=lines.append)

    assert [f.status for f in result.files] == ["read", "failed", "read"]
    rows = ds.dataset(tmp_path / "out" / "diagnostics").to_table().to_pylist()
    found = sorted((Path(r["source_path"]).name, r["severity"], r["code"]) for r in rows)
    assert found == [
        ("b_cut_early.pdf", "error", "corrupt_pdf"),
        ("c_cut_late.pdf", "warning", "damaged_pdf"),
        ("c_cut_late.pdf", "warning", "damaged_pdf"),
    ]
    (line,) = lines
    assert "b_cut_early.pdf: not a readable PDF: damaged or cut short" in line
    assert "extractor crashed" not in line
    messages = {r["message"] for r in rows if r["code"] == "damaged_pdf"}
    assert any("cut short" in m for m in messages) and any("cross-reference" in m for m in messages)
    issues = ds.dataset(tmp_path / "out" / "issues").to_table().to_pylist()
    partial = sorted((Path(r["source_path"]).name, r["partial"]) for r in issues)
    assert partial == [("a_whole.pdf", False), ("c_cut_late.pdf", True)]


TEXT = RAW / "000_bbc4044de49a57c2.txt"  # the text-dump sample, UTF-8


@pytest.mark.parametrize(
    ("name", "damage", "lost"),
    [
        ("stray NUL", lambda b: b[:5000] + b"\x00" + b[5000:], 1),
        ("UTF-16-LE without a BOM", lambda b: b.decode("utf-8").encode("utf-16-le"), 0),
        ("UTF-16-BE without a BOM", lambda b: b.decode("utf-8").encode("utf-16-be"), 0),
        (
            "lone surrogate in UTF-16",
            lambda b: (
                b"\xff\xfe"
                + b.decode("utf-8").encode("utf-16-le")[:200]
                + b"\x00\xd8"
                + b.decode("utf-8").encode("utf-16-le")[200:]
            ),
            1,
        ),
    ],
)
def test_damaged_text_is_read_not_rejected(name: str, damage, lost: int) -> None:
    sniffed = sniff(damage(TEXT.read_bytes()))
    assert sniffed.kind == "text", name
    assert sniffed.replaced == lost  # characters lost to the damage, for a diagnostic
    assert "泸州市历史风貌建筑修缮补助资金管理办法" in (sniffed.text or "")


def test_a_file_of_nul_bytes_is_still_binary() -> None:
    with pytest.raises(UnreadableInput) as err:
        sniff(b"PK\x03\x04" + bytes(range(256)) * 20)
    assert err.value.code == "binary_content"


def test_a_text_gazette_with_a_stray_nul_gives_its_notices(tmp_path: Path) -> None:
    data = TEXT.read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "clean.txt").write_bytes(data)
    (tmp_path / "out_clean").mkdir()
    damaged = tmp_path / "in2"
    damaged.mkdir()
    (damaged / "nul.txt").write_bytes(data[:5000] + b"\x00" + data[5000:])
    clean = run([tmp_path / "in"], tmp_path / "out_clean")
    hurt = run([damaged], tmp_path / "out_hurt")
    assert [f.status for f in hurt.files] == ["read"]
    assert hurt.rows("notices") == clean.rows("notices") > 0


def test_damaged_text_says_how_much_was_lost_and_flags_the_issue() -> None:
    data = TEXT.read_bytes()
    clean = extract_bytes(data, "clean.txt")
    # Three stray NULs and one invalid UTF-8 byte (0xFF), each spliced in at a line start
    # (inside a character the splice would break that character too).
    a, b, c = (data.index(b"\n", at) + 1 for at in (5000, 6000, 7000))
    hurt = extract_bytes(
        data[:a] + b"\x00" + data[a:b] + b"\x00\x00" + data[b:c] + b"\xff" + data[c:], "hurt.txt"
    )
    assert clean.ok and hurt.ok
    assert [d.code for d in clean.diagnostics if d.code == "damaged_text"] == []
    (damage,) = [d for d in hurt.diagnostics if d.code == "damaged_text"]
    assert damage.severity == "warning" and damage.stage == "read"
    assert "4 characters replaced or dropped" in damage.message
    assert [r["partial"] for r in clean.rows["issues"]] == [False]
    assert [r["partial"] for r in hurt.rows["issues"]] == [True]
    assert len(hurt.rows["notices"]) == len(clean.rows["notices"]) == 6


def test_an_image_only_page_is_not_damage() -> None:
    import pymupdf

    pdf = pymupdf.open(stream=PDF.read_bytes(), filetype="pdf")
    page = pdf.new_page()  # a page holding a picture and no text: a scan, not a damaged file
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(200)
    page.insert_image(page.rect, pixmap=pix)
    result = extract_bytes(pdf.tobytes(), "with_image.pdf", ocr="never")
    codes = {d.code for d in result.diagnostics}
    assert "image_only_page" in codes and not codes & {"damaged_pdf", "unreadable_page"}
    assert [r["partial"] for r in result.rows["issues"]] == [False]
