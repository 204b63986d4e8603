from extractors.layout.clean import clean_layout
from extractors.model import Source
from extractors.readers.markdown import read_markdown
from extractors.segmentation.front_matter import read_issue_info, read_toc

COVER = """# 宜宾市人民政府公报

(半月刊)
2023年 第5期
(总第201期)

## 目录

### 市政府文件

- 宜宾市人民政府关于加强城市管理<BR>
工作的通知<BR>
(宜府发[2023]3号) ..... (2)

# 传达政令 公开政务

---

宜宾市人民政府办公室关于印发《宜宾市停车<BR>
管理办法》的通知<BR>
(宜府办规〔2023〕7号) ..... (9)

# 宜宾市人民政府 关于加强城市管理工作的通知

宜府发〔2023〕3号
""".replace("<BR>", "  ")  # converter hard line breaks: two trailing spaces


def test_cover_and_toc():
    doc = clean_layout(read_markdown(COVER, Source("t", "0" * 64, "markdown")))
    front = doc.lines()[:-2]
    info = read_issue_info(front, doc.lines())
    assert (
        info.gazette_name,
        info.year,
        info.issue_label,
        info.issue_numbers,
        info.total_issue_no,
    ) == (
        "宜宾市人民政府公报",
        2023,
        "5",
        [5],
        201,
    )
    toc = read_toc(front)
    assert [(e.section, e.title, e.doc_number, e.page) for e in toc] == [
        ("市政府文件", "宜宾市人民政府关于加强城市管理工作的通知", "宜府发〔2023〕3号", 2),
        (
            "市政府文件",
            "宜宾市人民政府办公室关于印发《宜宾市停车管理办法》的通知",
            "宜府办规〔2023〕7号",
            9,
        ),
    ]
