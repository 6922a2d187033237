"""Real files of a policy text, made the way analysts get them (for the tests and the benchmark).

- :func:`make_pdfs`: PDFs printed by Chromium (Playwright's ``page.pdf``) in the
  layout of a State Council document: A4, 16 pt Noto Serif CJK, paragraphs
  indented 2 em and justified, a running header and page numbers ``— N —``
  printed in the margins. Their text layers are real: CJK fonts embedded by
  Chromium, as analysts' PDFs are.
- :func:`make_docx`: a Word file written by python-docx, one paragraph per line.
- :func:`division_docx`: a Word file with a 分工 table (序号, 重点任务, 牵头单位,
  参与单位, 完成时限), a merged heading row, names in cells separated by line
  breaks or ``、``.
- :func:`gov_page`: a page in the layout of the central government's site:
  navigation, header, metadata table, the body in ``td#UCAP-CONTENT``, share
  links, footer, scripts and styles around it.
- :func:`scanned_pdf`: a PDF of page images only (no text layer), as a scan.
- :func:`encrypted_pdf`, :func:`truncated`: a password-protected copy, a copy cut short.
- :func:`hundred_page_pdf`: exactly 100 pages printed from the texts, for the benchmark.
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Iterable
from pathlib import Path

PRINT_CSS = """
@page { size: A4; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 1.65; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
"""
HEADER = (
    "<div style='font-size:9pt;width:100%;text-align:center;"
    'font-family:"Noto Sans CJK SC"\'>{title}</div>'
)
FOOTER = (
    "<div style='font-size:12pt;width:100%;text-align:center;"
    "font-family:\"Noto Serif CJK SC\"'>— <span class='pageNumber'></span> —</div>"
)
MARGINS = {"top": "3.7cm", "bottom": "3.5cm", "left": "2.8cm", "right": "2.6cm"}

PLAIN_CSS = """
@page { size: A4; }
body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 12pt; line-height: 1.4; margin: 0; }
p { margin: 0 0 0.9em 0; text-align: left; }
"""
PLAIN_HEADER = (
    "<div style='font-size:9pt;width:100%;text-align:right;margin-right:1cm'>"
    "- <span class='pageNumber'></span> -</div>"
)
PLAIN_FOOTER = (
    "<div style='font-size:9pt;width:100%;text-align:center'>第<span class='pageNumber'></span>"
    "页 共<span class='totalPages'></span>页</div>"
)
LAYOUTS = {
    "official": (PRINT_CSS, HEADER, FOOTER),
    "plain": (PLAIN_CSS, PLAIN_HEADER, PLAIN_FOOTER),
}
"""``official``: as above. ``plain``: 12 pt sans, ragged right, no indent, a
blank line's space between paragraphs, ``- N -`` at the top right and
``第N页 共M页`` at the bottom: paragraphs are told apart by the gaps alone."""


def paragraphs(text: str) -> list[str]:
    """The text's non-empty lines, stripped: what a file of it holds as paragraphs.

    >>> paragraphs("  一、总则 \\n\\n（一）目标。\\n")
    ['一、总则', '（一）目标。']
    """
    return [line.strip() for line in text.split("\n") if line.strip()]


def print_html(text: str, css: str = PRINT_CSS) -> str:
    """The text as a page to print: one ``<p>`` per line, escaped."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    return (
        f"<!doctype html><html lang='zh-CN'><meta charset='utf-8'><style>{css}</style>"
        f"<body>{body}</body></html>"
    )


def make_pdfs(
    texts: dict[str, str],
    folder: Path,
    browser,
    header: str = "国务院文件",
    layout: str = "official",
) -> dict:
    """Print each text to ``folder/<name>.pdf`` with Chromium; returns name -> path.

    ``browser`` is a launched Playwright browser (``tests.browser.chromium()``);
    ``layout`` one of :data:`LAYOUTS`.
    """
    css, header_template, footer_template = LAYOUTS[layout]
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    page = browser.new_page()
    try:
        for name, text in texts.items():
            path = folder / f"{name}.pdf"
            page.set_content(print_html(text, css))
            page.pdf(
                path=str(path),
                format="A4",
                margin=MARGINS,
                display_header_footer=True,
                header_template=header_template.format(title=html.escape(header)),
                footer_template=footer_template,
            )
            made[name] = path
    finally:
        page.close()
    return made


def make_docx(text: str, path: Path) -> Path:
    """A Word file of ``text``: one paragraph per line, headings bold, like a typed document."""
    import docx

    document = docx.Document()
    for line in paragraphs(text):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、")
    document.save(str(path))
    return path


def division_rows(count: int = 20, seed: int = 2015) -> list[dict]:
    """Rows of a 分工 table: number, task, leads, partners, deadline (seeded, from the registry).

    Leads and partners are short names of registered agencies of 2015; some
    rows have two leads and some none of the partners.
    """
    from graph.registry import load_registry

    registry = load_registry()
    names = sorted(
        row.short_name
        for row in registry.agencies.itertuples()
        if row.in_2015 and row.kind not in ("generic", "local_government")
    )
    rng = random.Random(seed)
    verbs = ("完善", "推进", "健全", "加快", "深化", "优化", "落实", "加强")
    objects = (
        "电子商务统计监测制度",
        "跨境电子商务通关服务",
        "农村物流配送体系",
        "网络交易信用评价机制",
        "电子发票推广应用",
        "快递末端网点备案管理",
        "中小企业融资担保服务",
        "数据开放共享机制",
    )
    rows = []
    for number in range(1, count + 1):
        chosen = rng.sample(names, rng.randint(2, 5))
        leads = chosen[: 1 + (number % 4 == 0)]
        partners = chosen[len(leads) :]
        task = f"{rng.choice(verbs)}{rng.choice(objects)}，第{number}项工作按计划开展。"
        deadline = f"{2019 + number % 3}年{rng.choice((6, 12))}月底前"
        rows.append(
            {"number": number, "task": task, "leads": leads, "partners": partners, "due": deadline}
        )
    return rows


def division_docx(rows: list[dict], path: Path, heading_every: int = 10) -> Path:
    """A Word 分工方案: a title, a short preamble and the 分工 table of ``rows``.

    A heading row merged across the table precedes every ``heading_every``
    rows; leads are written one per line in their cell, partners joined by ``、``.
    """
    import docx

    document = docx.Document()
    document.add_paragraph("电子商务重点任务分工方案")
    document.add_paragraph("为落实有关部署，现将重点任务分工如下：")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells, ("序号", "重点任务", "牵头单位", "参与单位", "完成时限"), strict=True
    ):
        cell.text = title
    numerals = "一二三四五六七八九十"
    for index, row in enumerate(rows):
        if index % heading_every == 0:
            merged = table.add_row().cells
            heading = merged[0].merge(merged[-1])
            heading.text = (
                f"{numerals[index // heading_every]}、第{index // heading_every + 1}组任务"
            )
        cells = table.add_row().cells
        cells[0].text = str(row["number"])
        cells[1].text = row["task"]
        cells[2].text = "\n".join(row["leads"])
        cells[3].text = "、".join(row["partners"])
        cells[4].text = row["due"]
    document.add_paragraph("各部门要按照分工抓好落实。")
    document.save(str(path))
    return path


NAVIGATION = ("首页", "国务院", "总理", "新闻", "政策", "互动", "服务", "数据", "国情")


def gov_page(text: str, title: str, number: str = "") -> str:
    """The text as a page saved from the government's site (body in ``td#UCAP-CONTENT``).

    Short lines in a row (titles, signatures) share one ``<p>`` with ``<br>``
    between them, as such pages often have; paragraphs start with ideographic
    spaces; navigation, a metadata table, share links, footer, scripts and
    styles surround the body.
    """
    lines = paragraphs(text)
    blocks: list[list[str]] = []
    for line in lines:
        short = len(line) < 20 and not line.endswith("。")
        if blocks and short and blocks[-1][-1] is not None and len(blocks[-1][-1]) < 20:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    body = "\n".join(
        "<p style='text-indent:2em'>　　" + "<br/>".join(html.escape(s) for s in block) + "</p>"
        for block in blocks
    )
    nav = "".join(
        f"<li><a href='/{i}/'>{html.escape(n)}</a></li>" for i, n in enumerate(NAVIGATION)
    )
    meta = (
        "<table class='bd1'><tr><td><b>索引号：</b></td><td>000014349/2018-00183</td>"
        "<td><b>主题分类：</b></td><td>综合政务\\其他</td></tr>"
        f"<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>发文字号：</b></td>"
        f"<td>{html.escape(number)}</td></tr>"
        f"<tr><td><b>标　　题：</b></td><td colspan='3'>{html.escape(title)}</td></tr></table>"
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)}_政府信息公开专栏</title>
<style>body{{font-size:14px}} .pages_content p{{line-height:2}}</style>
<script type="text/javascript">var _pageTitle = "{html.escape(title)}"; function share(){{}}</script>
</head><body>
<div class="header"><div class="logo"><a href="/">中国政府网</a></div>
<ul class="nav">{nav}</ul><div class="search"><input type="text" value="请输入关键字"></div></div>
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 国务院文件</div>
<div class="wrap">{meta}
<table width="100%"><tr><td class="b12c" id="UCAP-CONTENT">
{body}
</td></tr></table>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>【我要纠错】 责任编辑：王某</div>
<div class="related"><h3>相关稿件</h3><ul><li><a href="/a">国务院常务会议部署有关工作</a></li>
<li><a href="/b">政策解读：图解有关措施</a></li></ul></div></div>
<div class="footer"><p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
<p>网站标识码bm01000001 京ICP备05070218号</p></div>
<script>document.write("<span>访问量统计</span>");</script>
</body></html>
"""


def scanned_pdf(text: str, path: Path, browser, pages: int = 2) -> Path:
    """A PDF holding only images of the printed text (no text layer), as a scanner makes.

    The text is laid out in Chromium at A4's proportions, ``pages`` screenshots
    of it are taken and Pillow wraps them in a PDF.
    """
    from PIL import Image

    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.set_content(print_html(text))
        images = []
        for index in range(pages):
            page.evaluate(f"window.scrollTo(0, {index * 1000})")
            shot = page.screenshot(type="png")
            images.append(Image.open(io.BytesIO(shot)).convert("L"))
    finally:
        page.close()
    images[0].save(path, "PDF", resolution=96.0, save_all=True, append_images=images[1:])
    return path


def encrypted_pdf(source: Path, path: Path, password: str = "secret") -> Path:
    """A copy of ``source`` that needs ``password`` to open (AES-256, pypdf)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def truncated(source: Path, path: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` share of ``source``'s bytes, as a download cut short."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def hundred_page_pdf(texts: Iterable[str], path: Path, browser, pages: int = 100) -> Path:
    """Exactly ``pages`` pages printed from the texts one after another (repeated if short)."""
    import pypdfium2 as pdfium

    texts = list(texts)
    folder = path.parent
    combined = "\n".join(texts)
    while True:
        printed = make_pdfs({path.stem + "-all": combined}, folder, browser)[path.stem + "-all"]
        document = pdfium.PdfDocument(printed)
        if len(document) >= pages:
            break
        document.close()
        combined += "\n" + "\n".join(texts)
    out = pdfium.PdfDocument.new()
    out.import_pages(document, list(range(pages)))
    out.save(str(path))
    out.close()
    document.close()
    printed.unlink()
    return path
