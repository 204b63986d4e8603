import random

import pytest

from extractors.readers.sniff import Sniffed, UnreadableInput, looks_like_markdown, sniff
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

NOTICE = (
    "泸州市人民政府关于进一步实施残疾儿童康复救助制度的通知\r\n各区县人民政府，市级有关部门：\r\n"
)
NOTICE_LF = NOTICE.replace("\r\n", "\n")


def test_real_text_dump_is_text():
    got = sniff(RAW_TEXT.read_bytes())
    assert (got.kind, got.encoding, got.replaced) == ("text", "utf-8", 0)
    assert got.text == RAW_TEXT.read_text(encoding="utf-8")


def test_real_converter_markdown_is_markdown():
    got = sniff(RAW_MARKDOWN.read_bytes())
    assert (got.kind, got.encoding) == ("markdown", "utf-8")
    assert got.text.startswith("\n\n\n\n# 泸州市人民政府公报\n")


def test_gbk_chinese_is_decoded_as_gb18030():
    assert sniff(NOTICE.encode("gbk")) == Sniffed("text", NOTICE_LF, "gb18030")


def test_utf8_bom_is_stripped():
    assert sniff(b"\xef\xbb\xbf" + NOTICE.encode()) == Sniffed("text", NOTICE_LF, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = "\ufeff".encode(codec)
    assert sniff(bom + NOTICE.encode(codec)) == Sniffed("text", NOTICE_LF, "utf-16")


def test_bare_carriage_returns_become_newlines():
    assert sniff("第一条\r第二条\r".encode()).text == "第一条\n第二条\n"


def test_one_bad_byte_in_long_utf8_is_replaced_not_fatal():
    data = "第一条 为加强历史风貌建筑保护。\n".encode() * 100 + b"\xe4\xb8"  # truncated last char
    got = sniff(data)
    assert (got.encoding, got.replaced) == ("utf-8", 1)
    assert got.text.endswith("保护。\n\ufffd")


def test_pdf_by_magic_even_after_junk():
    assert sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == Sniffed("pdf", None, None)
    assert sniff(b"\x00" * 1000 + b"%PDF-1.4\n").kind == "pdf"


def test_pdf_magic_past_first_kib_is_not_pdf():
    with pytest.raises(UnreadableInput) as exc:
        sniff(b"\x00" * 1024 + b"%PDF-1.4\n")
    assert exc.value.code == "binary_content"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b" \r\n\t\n", "empty_file"),
        ("\u3000\n".encode(), "empty_file"),  # full-width space only
        (b"\xef\xbb\xbf", "empty_file"),  # a BOM and nothing else
        (random.Random(0).randbytes(4096), "binary_content"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary_content"),
        (bytes(b for b in random.Random(1).randbytes(4096) if b), "binary_content"),  # no NUL
        (b"\x80" * 200, "undecodable_text"),
        ("Café résumé naïve".encode("latin-1"), "undecodable_text"),  # not Chinese
    ],
    ids=[
        "empty",
        "whitespace",
        "fullwidth-space",
        "bom-only",
        "random",
        "png",
        "random-no-nul",
        "invalid-bytes",
        "latin1",
    ],
)
def test_unreadable(data, code):
    with pytest.raises(UnreadableInput) as exc:
        sniff(data)
    assert exc.value.code == code
    assert "\n" not in exc.value.reason and exc.value.reason == str(exc.value)


def test_random_high_bytes_are_not_taken_for_gb18030():
    rng = random.Random(2)
    with pytest.raises(UnreadableInput) as exc:
        sniff(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    assert exc.value.code == "undecodable_text"


def test_readme_like_markdown_is_markdown():
    got = sniff(b"# Project\n\nSome words.\n\n- one\n- two\n")
    assert (got.kind, got.encoding) == ("markdown", "utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一条\n第二条\n", False),
        ("第一条\n" * 200 + "-" * 40 + "\n", False),  # one rule in a long dump
        ("## 目录\n\n### 市政府文件\n", True),
        ("**第一条** 为了\n**第二条** 根据\n", True),
        ("序号\t名称\t部门\n1\t甲\t乙\n", True),
        ("| a | b |\n|---|---|\n", True),
        ("申请人:\\*\\*\\*有限公司\n\\*\\*市场监督管理局:\n", True),
    ],
)
def test_markdown_signals(text, expected):
    assert looks_like_markdown(text) is expected
