import hashlib
import random
import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner, Result

import pipeline.one_file
from extractors import EXTRACTOR_VERSION
from pipeline.cli import main
from pipeline.runner import path_issue_id
from schemas import markdown
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

README = b"""# gazette-tools

Small helpers for working with the output.

## Install

- run `make`
- then `make install`

```sh
gazette extract raw/ --out out/
```
"""


def gazette(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows(out: Path, dataset: str) -> list[dict]:
    if not (out / dataset).exists():
        return []
    return ds.dataset(out / dataset).to_table().to_pylist()


def sha16(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@pytest.fixture
def batch(tmp_path, monkeypatch) -> Path:
    """in/ with the two real gazettes, a GBK re-encoding of one, and four files that are not."""
    monkeypatch.chdir(tmp_path)
    src = Path("in")
    src.mkdir()
    shutil.copy(RAW_TEXT, src / "000.txt")
    shutil.copy(RAW_MARKDOWN, src / "003.txt")
    # GBK lacks the one U+2043 hyphen bullet the dump has.
    text = RAW_TEXT.read_text(encoding="utf-8").replace("\u2043", "-")
    (src / "gbk.txt").write_bytes(text.encode("gbk"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(random.Random(0).randbytes(2048))
    (src / "README.md").write_bytes(README)
    return src


def test_batch_with_bad_files_goes_on(batch):
    result = gazette("extract", "in", "--out", "out")

    assert result.exit_code == 0
    issues = {r["source_path"]: r["issue_id"] for r in rows(Path("out"), "issues")}
    assert issues["in/000.txt"] == sha16(RAW_TEXT)
    assert issues["in/003.txt"] == sha16(RAW_MARKDOWN)
    assert "extracting" not in result.stderr  # no progress bar when stderr is not a terminal
    assert result.stdout.splitlines()[-1] == "output       out"
    # The workers' peak memory is reported: a process reading a gazette holds tens of MB at least.
    memory = next(line for line in result.stdout.splitlines() if line.startswith("memory"))
    assert 20 <= int(memory.split()[1]) < 4096, memory


def test_each_bad_file_becomes_one_diagnostic(batch):
    result = gazette("extract", "in", "--out", "out")

    assert result.exit_code == 0
    diags = rows(Path("out"), "diagnostics")
    bad = {"in/empty.txt": "empty_file", "in/binary.txt": "binary_content"}
    bad["in/README.md"] = "not_a_gazette"
    for path, code in bad.items():
        assert [d["code"] for d in diags if d["source_path"] == path] == [code]
        assert f"gazette: {path}: " in result.stderr
    issues = {r["source_path"]: r["source_format"] for r in rows(Path("out"), "issues")}
    assert issues == {"in/000.txt": "text", "in/003.txt": "markdown", "in/gbk.txt": "text"}
    assert summary(result)[0] == "files        3 read, 0 unchanged, 3 failed"


def test_gbk_file_yields_what_its_utf8_original_does(batch):
    gazette("extract", "in", "--out", "out")
    notices = rows(Path("out"), "notices")
    titles = {
        name: [n["title"] for n in notices if n["issue_id"] == sha16(batch / name)]
        for name in ("000.txt", "gbk.txt")
    }
    assert titles["gbk.txt"] == titles["000.txt"] != []


def test_folder_of_only_bad_files_exits_1(batch):
    for name in ("000.txt", "003.txt", "gbk.txt"):
        (batch / name).unlink()
    result = gazette("extract", "in", "--out", "out")
    assert result.exit_code == 1
    assert summary(result)[0] == "files        0 read, 0 unchanged, 3 failed"


def test_missing_file_is_a_diagnostic_not_a_crash(batch):
    result = gazette("extract", "in/nope.txt", "in/000.txt", "--out", "out")

    assert result.exit_code == 0
    message = "gazette: in/nope.txt: cannot read file: No such file or directory"
    assert result.stderr.splitlines()[0] == message  # the first input, so the first line
    (diag,) = [d for d in rows(Path("out"), "diagnostics") if d["source_path"] == "in/nope.txt"]
    assert diag == {
        "source_path": "in/nope.txt",
        "issue_id": path_issue_id("in/nope.txt"),
        "stage": "read",
        "severity": "error",
        "code": "unreadable_file",
        "message": "in/nope.txt: cannot read file: No such file or directory",
        "page": None,
        "source_sha256": "",
        "extractor_version": EXTRACTOR_VERSION,
    }


def test_nothing_readable_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = gazette("extract", "gone.txt", "also-gone.pdf", "--out", "out")
    assert result.exit_code == 1
    assert summary(result)[0] == "files        0 read, 0 unchanged, 2 failed"
    assert len(rows(Path("out"), "diagnostics")) == 2


def test_empty_folder_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    result = gazette("extract", "in", "--out", "out")
    assert (result.exit_code, result.stderr) == (1, "gazette: no input files found\n")
    assert not Path("out").exists()


def test_extractor_crash_costs_one_file(batch, monkeypatch):
    real = pipeline.one_file.extract_bytes

    def crashing(data: bytes, path: str, *options: object):
        if path == "in/003.txt":
            raise RuntimeError("boom\nsecond line")
        return real(data, path, *options)

    monkeypatch.setattr(pipeline.one_file, "extract_bytes", crashing)
    result = gazette("extract", "in/000.txt", "in/003.txt", "--out", "out")

    assert result.exit_code == 0
    message = "in/003.txt: extractor crashed: RuntimeError: boom second line"
    assert f"gazette: {message}\n" in result.stderr
    crashed = [d for d in rows(Path("out"), "diagnostics") if d["source_path"] == "in/003.txt"]
    assert [(d["stage"], d["code"], d["message"], d["issue_id"]) for d in crashed] == [
        ("extract", "extractor_crashed", message, sha16(RAW_MARKDOWN))
    ]
    assert [r["source_path"] for r in rows(Path("out"), "issues")] == ["in/000.txt"]


def summary(result) -> list[str]:
    """The closing counts, after the listing of what was found."""
    lines = result.stdout.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.startswith("files ")) :]


def test_listing_names_each_issue_and_notice(batch):
    result = gazette("extract", "in/000.txt", "--out", "out")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("泸州市人民政府公报 2024年第9/10期  in/000.txt  [")
    assert lines[1].split() == [
        "泸市府办规〔2024〕7号",
        "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知",
    ]


def test_rerun_reports_unchanged_files(batch):
    gazette("extract", "in/000.txt", "in/003.txt", "--out", "out")
    result = gazette("extract", "in/000.txt", "in/003.txt", "--out", "out")
    assert summary(result)[:2] == [
        "files        0 read, 2 unchanged, 0 failed",
        "issues       2",
    ]


def test_hidden_files_and_the_out_dir_are_not_inputs(batch):
    (batch / ".draft.txt").write_bytes(RAW_TEXT.read_bytes())
    (batch / ".cache").mkdir()
    (batch / ".cache" / "x.txt").write_bytes(RAW_TEXT.read_bytes())
    for name in ("gbk.txt", "empty.txt", "binary.txt", "README.md"):
        (batch / name).unlink()
    gazette("extract", "in", "--out", "in/out")
    result = gazette("extract", "in", "--out", "in/out")

    assert summary(result)[0] == "files        0 read, 2 unchanged, 0 failed"


def test_corrupt_manifest_stops_with_a_message(batch):
    Path("out").mkdir()
    Path("out/_manifest.json").write_text("[1, 2]", encoding="utf-8")
    result = gazette("extract", "in", "--out", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: out/_manifest.json: not a gazette manifest")


def test_schema_prints_the_schema_reference():
    result = gazette("schema")
    assert (result.exit_code, result.stdout) == (0, markdown() + "\n")


def test_help_shows_examples():
    result = gazette("extract", "--help")
    assert "gazette extract raw/ --out out/" in result.stdout
    assert "--workers N" in result.stdout
