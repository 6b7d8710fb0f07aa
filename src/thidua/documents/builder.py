"""The default .docx templates (Decree 30/2020/NĐ-CP, Phụ lục I), built with python-docx.

`python -m thidua.documents.builder` writes `documents/default_templates/<kind>.docx`, the files the
repository ships; an agency may upload its own template per kind instead (`templates.py`). The
templates hold docxtpl (Jinja) tags only; the numbers come from `Document` at render time.

Layout after Phụ lục I: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
(LibreOffice and the PDF use the metric-compatible Liberation Serif); the header is a borderless
two-column table (issuer left, Quốc hiệu and Tiêu ngữ right); Quốc hiệu 12 pt bold upper case,
Tiêu ngữ 13 pt bold, issuer 12 pt bold upper case under its superior body 12 pt regular, "Số:" 13 pt,
place and date 14 pt italic, type 14 pt bold upper case, summary 14 pt bold, body 14 pt justified,
signer block 14 pt bold upper case, "Nơi nhận:" 12 pt bold italic and the recipients 11 pt."""
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
TEMPLATE_DIR = Path(__file__).resolve().parent / "default_templates"

# what each kind's default template shows (the same placeholders for every kind; see KIND_PLACEHOLDERS)
KIND_LAYOUT = {
    "decision": {"citations": True, "articles": True, "annex": True, "lead": "QUYẾT ĐỊNH:"},
    "minutes": {"citations": False, "articles": False, "annex": True, "lead": ""},
    "vote_count": {"citations": False, "articles": False, "annex": True, "lead": ""},
    "report": {"citations": False, "articles": False, "annex": True, "lead": ""},
    "plan": {"citations": True, "articles": False, "annex": True, "lead": ""},
}


def _font(run, size: float, bold=False, italic=False, underline=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return run


def _para(container, text="", size=14, bold=False, italic=False, align=None, underline=False,
          space_after=0, indent=None):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    if indent is not None:
        fmt.first_line_indent = Mm(indent)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _cell(table, row, col, width_mm):
    table.autofit = False
    table.columns[col].width = Mm(width_mm)
    cell = table.cell(row, col)
    cell.width = Mm(width_mm)
    return cell


def _first(cell, text, size, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, underline=False):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _a4(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.get_or_add_rPr()
    _font_style(style)


def _font_style(style):
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _header(document):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = _cell(table, 0, 0, 68), _cell(table, 0, 1, 100)
    _first(left, "{{ superior|upper }}", 12)
    _para(left, "{{ issuer|upper }}", 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "_______", 12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "Số: {{ number_label }}", 13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _first(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "_______________________", 13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "{{ place }}, {{ date_text }}", 14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "", 14)


def _title(document):
    _para(document, "{{ title|upper }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ summary }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "__________", 14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)


def _body(document, layout):
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(document, "{%p if authority %}", 14)
    _para(document, "{{ authority|upper }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _para(document, "{%p endif %}", 14)
    if layout["citations"]:
        _para(document, "{%p for line in citations %}", 14)
        _para(document, "{{ line }}", 14, italic=True, align=justify, indent=10, space_after=6)
        _para(document, "{%p endfor %}", 14)
    if layout["lead"]:
        _para(document, layout["lead"], 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _para(document, "{%p for line in paragraphs %}", 14)
    _para(document, "{{ line }}", 14, align=justify, indent=10, space_after=6)
    _para(document, "{%p endfor %}", 14)
    if layout["articles"]:
        _para(document, "{%p for line in articles %}", 14)
        paragraph = _para(document, "", 14, align=justify, indent=10, space_after=6)
        _font(paragraph.add_run("Điều {{ loop.index }}. "), 14, bold=True)
        _font(paragraph.add_run("{{ line }}"), 14)
        _para(document, "{%p endfor %}", 14)


def _signature(document):
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = _cell(table, 0, 0, 80), _cell(table, 0, 1, 85)
    _first(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p for line in recipients %}", 11)
    _para(left, "- {{ line }};", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p endfor %}", 11)
    _first(right, "{{ signer_authority|upper }}", 14, bold=True)
    _para(right, "{{ signer_position|upper }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(4):
        _para(right, "", 14)
    _para(right, "{{ signer_name }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _annex(document):
    _para(document, "{%p if annex %}", 14)
    paragraph = _para(document, "", 14)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    _para(document, "{{ annex.title|upper }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ annex.subtitle }}", 14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    # docxtpl replaces a whole cell holding a {%tc %} tag by the tag: loop, value and end in three cells
    table = document.add_table(rows=2, cols=3)
    table.style = document.styles["Table Grid"]
    _first(table.cell(0, 0), "{%tc for c in annex.columns %}", 13)
    _first(table.cell(0, 1), "{{ c }}", 13, bold=True)
    _first(table.cell(0, 2), "{%tc endfor %}", 13)
    _first(table.cell(1, 0), "{%tc for c in row %}", 13)
    _first(table.cell(1, 1), "{{ c }}", 13, align=WD_ALIGN_PARAGRAPH.LEFT)
    _first(table.cell(1, 2), "{%tc endfor %}", 13)
    # a loop row before and after the data row: docxtpl's {%tr %} tags each stand alone in their row
    rows = table._tbl.findall(qn("w:tr"))
    data_row = rows[1]
    before, after = _tag_row("{%tr for row in annex.rows %}"), _tag_row("{%tr endfor %}")
    data_row.addprevious(before)
    data_row.addnext(after)
    _para(document, "{%p endif %}", 14)


def _tag_row(text):
    row = OxmlElement("w:tr")
    cell = OxmlElement("w:tc")
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.text = text
    run.append(element)
    paragraph.append(run)
    cell.append(paragraph)
    row.append(cell)
    return row


def build(kind: str):
    """A python-docx Document: the default template of `kind`."""
    layout = KIND_LAYOUT[kind]
    document = DocxDocument()
    _a4(document)
    _header(document)
    _title(document)
    _body(document, layout)
    _signature(document)
    if layout["annex"]:
        _annex(document)
    return document


def write_all(target: Path = TEMPLATE_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KIND_LAYOUT:
        path = target / f"{kind}.docx"
        build(kind).save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
