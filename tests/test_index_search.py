"""The SQLite index, search, show and query, on the two real samples extracted for real.

Expected values are read from the documents: raw/000_bbc4044de49a57c2.txt prints
泸市府办规〔2024〕7号 (历史风貌建筑修缮补助资金管理办法, 第十三条 不予拨付, 第十五条 施行, in
force 2024-10-19 … 2029-10-18) and 泸市卫规〔2024〕1号 (出生医学证明, chapters 组织管理 …);
raw/003_e888584f49a9a9b6.txt prints 泸市府函〔2024〕270号 (仲裁委员会) and 泸市医保规〔2024〕4号
(取卵术, 试行期 until 2026-10-31).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from extractors.metadata.status import notice_in_force
from pipeline.runner import run
from pipeline.search import index as gazette_index
from pipeline.search.database import index_status, open_index
from pipeline.search.fulltext import Filters, search
from pipeline.search.index import IndexBuildError, build_index
from pipeline.search.query import render, run_query
from pipeline.search.show import cn_number, find_notice
from pipeline.search.show import render as show_render
from pipeline.search.tokens import fts_query, tokenize_for_index
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

FENGMAO = "泸市府办规〔2024〕7号"
DATE_COLUMNS = ("effective_date", "expiry_date", "signing_date")
BIRTH = "泸市卫规〔2024〕1号"
OOCYTE = "泸市医保规〔2024〕4号"
ARBITRATION = "泸市府函〔2024〕270号"
TABLES = ("issues", "notices", "articles", "attachments", "citations", "toc_entries")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """OUT with both samples extracted by the real pipeline, and its index built."""
    out = tmp_path_factory.mktemp("corpus") / "out"
    run([RAW_TEXT, RAW_MARKDOWN], out, on_problem=lambda line: None)
    build_index(out)
    return out


@pytest.fixture
def con(corpus):
    con = open_index(corpus)
    yield con
    con.close()


@pytest.fixture
def copy(corpus, tmp_path) -> Path:
    """A copy of the corpus and its index that a test may change."""
    target = tmp_path / "out"
    shutil.copytree(corpus, target)
    return target


def top(con, query: str, **filters) -> str | None:
    hits = search(con, query, Filters(**filters))
    return hits[0].doc_number if hits else None


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: content, whatever order rows were inserted in."""
    con = sqlite3.connect(db)
    try:
        names = [*TABLES, "notices_view"]
        rows = {n: sorted(con.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
        # Rowids depend on the order issues were indexed in, so they are left out.
        fts = "SELECT kind, notice_id, article_id, title, body, attachment_no FROM search_fts"
        rows["search_fts"] = sorted(con.execute(fts).fetchall(), key=repr)
        ids = "SELECT kind, notice_id, article_id, attachment_no FROM search_rows"
        rows["search_rows"] = sorted(con.execute(ids).fetchall(), key=repr)
        return rows
    finally:
        con.close()


# --- Tokenising ------------------------------------------------------------------------------


def test_index_tokens_hold_the_whole_word_and_its_parts():
    tokens = tokenize_for_index("《泸州市历史风貌建筑修缮补助资金管理办法》，").split()

    assert {"历史", "风貌", "建筑"} <= set(tokens)
    assert not {"《", "》", "，"} & set(tokens)


def test_fts_query_requires_every_word():
    assert fts_query("历史风貌建筑") == '{title body} : ("历史风貌" AND "建筑")'


def test_fts_query_lets_a_guessed_word_match_as_its_pieces():
    assert fts_query("取卵术") == '{title body} : (("取卵术" OR ("取" AND "卵" AND "术")))'


@pytest.mark.parametrize(
    "query", ['"', 'a"b', "NEAR(历史 风貌)", "历史 OR 风貌", "NOT 建筑", "风* ^历史", "title:历史"]
)
def test_fts_query_quotes_everything_the_user_types(con, query):
    con.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (fts_query(query),))


def test_fts_query_without_words_matches_nothing(con):
    assert fts_query("，。 《》") == '""'
    assert search(con, "，。") == []


# --- Database layout -------------------------------------------------------------------------


def test_each_table_has_the_rows_of_its_dataset(corpus, con):
    for name in TABLES:
        parquet = run_query(corpus, f"SELECT count(*) FROM {name}").rows[0][0]
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == parquet, name


def test_one_fts_row_per_notice_article_and_attachment(con):
    counts = dict(con.execute("SELECT kind, count(*) FROM search_fts GROUP BY kind").fetchall())

    assert counts == {"notice": 15, "article": 85, "attachment": 25}


def test_keys_link_the_tables(con):
    def links(table: str) -> set[tuple[str, str, str]]:
        rows = con.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        return {(r["from"], r["table"], r["to"]) for r in rows}

    assert links("notices") == {("issue_id", "issues", "issue_id")}
    assert ("notice_id", "notices", "notice_id") in links("articles")
    assert ("cited_notice_id", "notices", "notice_id") in links("citations")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    pk = [r["name"] for r in con.execute("PRAGMA table_info(attachments)") if r["pk"]]
    assert pk == ["notice_id", "attachment_no"]


def test_notice_row_stores_lists_as_json_dates_as_iso_and_adds_year_and_issuers(con):
    row = con.execute("SELECT * FROM notices WHERE doc_number = ?", (FENGMAO,)).fetchone()

    assert json.loads(row["issuers"]) == ["泸州市人民政府办公室"]
    assert json.loads(row["addressees"]) == ["各区县人民政府", "市级有关部门"]
    assert row["issuer_text"] == "泸州市人民政府办公室"
    assert row["year"] == 2024
    assert (row["signing_date"], row["effective_date"]) == ("2024-09-19", "2024-10-19")
    assert row["expiry_date"] == "2029-10-18"
    assert (row["is_normative"], row["is_trial"], row["validity_months"]) == (1, 0, 60)


def test_joint_issuers_are_joined_for_filtering(con):
    row = con.execute(
        "SELECT issuer_text FROM notices WHERE doc_number = '泸市自然资规函〔2024〕425号'"
    ).fetchone()

    assert row[0] == "泸州市自然资源和规划局、泸州市财政局、国家税务总局泸州市税务局"


def test_in_force_is_computed_against_today_by_the_one_rule(con):
    today = date.today()
    for row in con.execute("SELECT * FROM notices_view"):
        dates = {k: row[k] and date.fromisoformat(row[k]) for k in DATE_COLUMNS}
        assert row["in_force"] == int(notice_in_force(dates, today)), row["doc_number"]


# 泸市府办规〔2024〕7号: "本办法自2024年10月19日起施行，有效期5年" (raw/000, 第十五条).
FENGMAO_FIRST_DAY, FENGMAO_LAST_DAY = date(2024, 10, 19), date(2029, 10, 18)


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (FENGMAO_FIRST_DAY - timedelta(days=1), False),
        (FENGMAO_FIRST_DAY, True),
        (FENGMAO_LAST_DAY, True),
        (FENGMAO_LAST_DAY + timedelta(days=1), False),
    ],
)
def test_in_force_filter_at_the_boundary_days(con, day, in_force):
    kept = {h.doc_number for h in search(con, "历史风貌建筑", Filters(in_force_on=day))}
    assert (FENGMAO in kept) is in_force


# --- Search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "doc_number"),
    [
        ("历史风貌建筑", FENGMAO),
        ("历史", FENGMAO),
        ("风貌", FENGMAO),
        ("出生医学证明", BIRTH),
        ("取卵术", OOCYTE),
        ("仲裁委员会", ARBITRATION),
        ("microRNA", "泸市医保规〔2024〕1号"),
        ("ＭＩＣＲＯrna", "泸市医保规〔2024〕1号"),  # full width and case folded
        ("气象监测设施", "泸市府办函〔2024〕54号"),
    ],
)
def test_the_document_about_the_words_comes_first(con, query, doc_number):
    assert top(con, query) == doc_number


def test_a_notice_is_listed_once_with_its_best_row(con):
    hits = search(con, "历史风貌建筑", limit=50)

    assert len({h.notice_id for h in hits}) == len(hits)
    assert hits[0].matches > 10  # the notice, most of its 15 articles
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_an_article_hit_names_its_article(con):
    hit = search(con, "不予拨付")[0]

    assert (hit.doc_number, hit.kind, hit.article) == (FENGMAO, "article", "第十三条")
    assert "不予拨付修缮补助资金" in hit.snippet.text


def test_an_article_of_an_attachment_names_both(con):
    # 附件7 of 泸市卫规〔2024〕1号 quotes 《人类辅助生殖技术管理办法》 第二十二条.
    hit = search(con, "人类辅助生殖技术 代孕")[0]

    assert (hit.doc_number, hit.kind) == (BIRTH, "article")
    assert (hit.attachment_no, hit.article) == (7, "第二十二条")


def test_an_attachment_hit_names_its_attachment(con):
    hit = search(con, "取卵术")[0]

    assert (hit.kind, hit.attachment_no, hit.article) == ("attachment", 1, None)


def test_snippet_is_original_text_with_the_words_marked(con):
    hit = search(con, "历史风貌建筑")[0]

    assert "【历史风貌建筑】修缮补助资金管理办法" in hit.snippet.marked("【", "】")
    assert "<mark>历史风貌建筑</mark>" in hit.as_json()["snippet"]


def test_snippet_of_a_word_matched_by_its_pieces_marks_the_pieces():
    from pipeline.search.snippet import make_snippet

    snippet = make_snippet(["开展取 卵操作"], ["取卵术"], ["取", "卵", "术"])

    assert snippet.marked("[", "]") == "开展[取] [卵]操作"


def test_doc_type_filter(con):
    hits = search(con, "检查", Filters(doc_type="通报"))
    types = {
        con.execute("SELECT doc_type FROM notices WHERE notice_id = ?", (h.notice_id,)).fetchone()[
            0
        ]
        for h in hits
    }

    assert len(hits) == 2
    assert types == {"通报"}


def test_in_force_filter_drops_documents_not_yet_or_no_longer_in_force(con):
    assert top(con, "历史风貌建筑", in_force_on=date(2025, 1, 1)) == FENGMAO
    # In force from 2024-10-19 to 2029-10-18.
    assert top(con, "历史风貌建筑", in_force_on=date(2024, 10, 1)) != FENGMAO
    assert top(con, "历史风貌建筑", in_force_on=date(2030, 6, 1)) != FENGMAO
    # Every document with a validity period in the samples has expired by mid-2030.
    late = search(con, "有效期", Filters(in_force_on=date(2030, 6, 1)), limit=50)
    expiries = [
        con.execute(
            "SELECT expiry_date FROM notices WHERE notice_id = ?", (h.notice_id,)
        ).fetchone()[0]
        for h in late
    ]
    assert all(e is None or e >= "2030-06-01" for e in expiries)
    assert OOCYTE not in {h.doc_number for h in late}


def test_year_filter(con):
    assert [h.notice_id for h in search(con, "通知", Filters(year=2024))] == [
        h.notice_id for h in search(con, "通知")
    ]
    assert search(con, "通知", Filters(year=2023)) == []


def test_issuer_filter_matches_part_of_any_issuer(con):
    assert top(con, "出生医学证明", issuer="卫生健康") == BIRTH
    assert search(con, "出生医学证明", Filters(issuer="医疗保障局")) == []
    assert top(con, "出让金", issuer="泸州市财政局") == "泸市自然资规函〔2024〕425号"


def test_limit(con):
    assert len(search(con, "泸州", limit=3)) == 3


# --- Show ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        FENGMAO,
        "泸市府办规[2024]7号",
        "泸市府办规【2024】7号",
        "泸市府办规（2024）7号",
        " 泸市府办规 〔2024〕 7 号",
    ],
)
def test_show_finds_a_doc_number_in_any_brackets(con, ref):
    assert find_notice(con, ref).notice_ids == [f"{hashlib_id(RAW_TEXT)}-n001"]


def test_show_finds_a_notice_id(con):
    notice_id = f"{hashlib_id(RAW_MARKDOWN)}-n003"

    assert find_notice(con, notice_id).notice_ids == [notice_id]
    assert not find_notice(con, "泸市府办规〔2099〕7号").found


def test_show_prints_metadata_and_articles(con):
    text = show_render(con, find_notice(con, FENGMAO).notice_ids[0])

    assert (
        text.splitlines()[0]
        == "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知"
    )
    assert "number      泸市府办规〔2024〕7号" in text
    assert "expires     2029-10-18" in text
    assert "  第十五条 本办法自2024年10月19日起施行，有效期5年。" in text
    assert "已经市政府同意，现印发给你们" in text  # the cover letter, before 第一条


def test_show_groups_articles_by_chapter_and_lists_attachments_and_citations(con):
    text = show_render(con, find_notice(con, BIRTH).notice_ids[0])

    assert text.index("第一章 组织管理") < text.index("第一条") < text.index("第二章 工作管理")
    assert "附件7 《出生医学证明》监管相关法律法规摘要" in text
    assert "国办发〔2015〕96号 《关于解决无户口人员登记户口问题的意见》" in text


def test_show_text_prints_the_body(con):
    text = show_render(con, find_notice(con, ARBITRATION).notice_ids[0], full_text=True)

    assert "市政府聘任王琪等15名同志为第六届泸州仲裁委员会组成人员" in text


def test_chinese_numbers():
    assert [cn_number(n) for n in (1, 10, 15, 20, 23, 105, 115)] == [
        "一",
        "十",
        "十五",
        "二十",
        "二十三",
        "一百零五",
        "一百一十五",
    ]


# --- Query -----------------------------------------------------------------------------------


def test_query_sees_every_dataset_as_a_view(corpus):
    result = run_query(
        corpus,
        "SELECT (SELECT count(*) FROM notices), (SELECT count(*) FROM articles),"
        " (SELECT count(*) FROM diagnostics), (SELECT count(*) FROM toc_entries)",
    )

    assert result.rows == [(15, 85, 0, 9)]


def test_query_formats(corpus):
    result = run_query(
        corpus,
        "SELECT doc_type, count(*) AS n, list(doc_number ORDER BY doc_number)[1] AS first"
        " FROM notices GROUP BY doc_type ORDER BY n DESC",
    )

    assert json.loads(render(result, "json"))[1] == {
        "doc_type": "通报",
        "n": 2,
        "first": "泸市府室发〔2024〕25号",
    }
    assert render(result, "csv").splitlines()[:2] == [
        "doc_type,n,first",
        "通知,13,泸市医保规〔2024〕1号",
    ]
    table = render(result, "table").splitlines()
    assert table[0].split() == ["doc_type", "n", "first"]
    assert table[2].split() == ["通知", "13", "泸市医保规〔2024〕1号"]
    assert table[-1] == "(2 rows)"


# --- Rebuilding ------------------------------------------------------------------------------


def test_a_second_run_changes_nothing(copy):
    db = copy / "gazette.db"
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    report = build_index(copy)

    assert not report.changed
    assert (report.indexed, report.removed, report.unchanged) == ([], [], 2)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_rebuild_gives_the_same_database(copy):
    before = dump(copy / "gazette.db")

    report = build_index(copy, rebuild=True)

    assert report.rebuilt == "rebuild asked for" and len(report.indexed) == 2
    assert dump(copy / "gazette.db") == before


def test_a_vanished_issue_is_removed_and_nothing_else_touched(copy, corpus):
    from pipeline.writer import remove_issue

    gone = hashlib_id(RAW_MARKDOWN)
    remove_issue(copy, gone)

    report = build_index(copy)

    assert (report.indexed, report.removed, report.unchanged) == ([], [gone], 1)
    assert report.counts["notices"] == 6
    assert table_rows(copy / "gazette.db") == table_rows(_fresh_index(copy))


def test_a_changed_file_replaces_its_issue(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW_TEXT, src / "000.txt")
    shutil.copy(RAW_MARKDOWN, src / "003.txt")
    run([src], out, on_problem=lambda line: None)
    first = build_index(out)
    with open(src / "003.txt", "a", encoding="utf-8") as f:
        f.write("\n")  # new bytes, new issue id, the same notices
    run([src], out, on_problem=lambda line: None)

    report = build_index(out)

    assert (len(report.indexed), len(report.removed), report.unchanged) == (1, 1, 1)
    assert report.removed == [hashlib_id(RAW_MARKDOWN)]
    assert report.counts == first.counts
    assert table_rows(out / "gazette.db") == table_rows(_fresh_index(out))


def test_a_failed_run_leaves_the_previous_database(copy, monkeypatch):
    from pipeline.writer import remove_issue

    before = dump(copy / "gazette.db")
    remove_issue(copy, hashlib_id(RAW_MARKDOWN))

    def crash(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(gazette_index, "_insert_issue", crash)
    with pytest.raises(RuntimeError):
        build_index(copy, rebuild=True)

    assert dump(copy / "gazette.db") == before


def test_a_duplicate_key_costs_the_row_not_the_index(copy, monkeypatch):
    read = gazette_index._read

    def doubled(out, name, issue_id):
        rows = read(out, name, issue_id)
        return rows + rows[:1] if name == "attachments" else rows

    monkeypatch.setattr(gazette_index, "_read", doubled)
    report = build_index(copy, rebuild=True)

    assert report.counts["attachments"] == 25
    assert any("1 attachments rows with a duplicate key left out" in w for w in report.warnings)


def test_status_tells_fresh_stale_and_missing(copy, tmp_path):
    assert index_status(copy).state == "fresh"
    manifest = copy / "_manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert index_status(copy).state == "stale"
    assert "gazette index --out" in index_status(copy).message
    build_index(copy)
    assert index_status(copy).state == "fresh"
    assert index_status(tmp_path / "nothing").state == "missing"


def test_no_corpus_is_an_error(tmp_path):
    with pytest.raises(IndexBuildError, match="gazette extract"):
        build_index(tmp_path)


def test_a_database_that_is_not_ours_is_left_alone(copy):
    db = copy / "gazette.db"
    db.unlink()
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE mine (x)")

    with pytest.raises(IndexBuildError, match="not a gazette index"):
        build_index(copy)

    assert dump(db)[1] == "CREATE TABLE mine (x);"


def test_a_file_that_is_not_sqlite_is_an_error(copy):
    (copy / "gazette.db").write_bytes(b"not a database at all" * 100)

    with pytest.raises(IndexBuildError, match="not an SQLite database"):
        build_index(copy)


def hashlib_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _fresh_index(out: Path) -> Path:
    """The same corpus indexed from scratch in another folder; returns its database."""
    fresh = out.parent / "fresh"
    shutil.copytree(out, fresh, ignore=shutil.ignore_patterns("gazette.db*"))
    build_index(fresh)
    return fresh / "gazette.db"
