"""What spreadsheets and Word show that their XML does not spell out. Word draws a w:sym element as
the character its w:char code names. Excel and LibreOffice show what a formula computes, and a
formula that builds text ("Chi"&"ld R", CHAR(67), SUBSTITUTE ...) can show a name that no string
in the file holds, whatever cached value it carries (the program works it out again): such a
formula in a published spreadsheet, and any formula in a CSV file (which spreadsheet programs run
as they open it), is refused. Numeric formulas (=SUM(B2:B9)), formulas that only choose between
strings written out in full (=IF(B10>100,"High","Low")) and dates shown in a format of format codes
(=TEXT(A1,"d mmmm yyyy")) are read like any other text."""
from __future__ import annotations

import csv
import html
import io
import re

VALUES = ("publish the values, not the formulas: copy the cells and use Paste Special > Values (or save a "
          "copy as PDF), then publish that")
_SYM = re.compile(r"<(?:\w+:)?sym\b[^>]*?\b(?:\w+:)?char\s*=\s*[\"']([0-9A-Fa-f]{1,6})[\"'][^>]*>")
_STRINGS = re.compile(r'"(?:[^"]|"")*"')
_BUILDS = re.compile(r"&|\b(?:_xlfn\.|of:)?(?:CHAR|UNICHAR|CONCAT|CONCATENATE|TEXTJOIN|SUBSTITUTE|REPLACEB?|REPT|"
                     r"TEXT|BASE|DECIMAL|ARRAYTOTEXT|VALUETOTEXT|LAMBDA|LET)\s*\(", re.IGNORECASE)
# TEXT(value, "d mmmm yyyy"): a number or date shown in a format made of format codes only (no letter
# that is not a date, time or number code, nothing quoted or escaped) cannot spell a name
_DATE_TEXT = re.compile(r'\b(?:of:)?TEXT\s*\(([^"();]*(?:\([^"()]*\))?[^"();]*)[,;]\s*"([dmyhsDMYHS0#?.,:/ %\-]*|'
                        r'[dmyhsDMYHS0#?.,:/ %\-]*AM/PM|General)"\s*\)', re.IGNORECASE)
_EXCEL_FORMULA = re.compile(r"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>")
_ODF_FORMULA = re.compile(r"\btable:formula\s*=\s*\"([^\"]*)\"")
_CSV_FORMULA = re.compile(r"^\s*(?:=(?![=\s]|$)|[+\-@]\s*[A-Za-z_][\w.]*\s*\()")


def shown_symbols(markup: str) -> str | None:
    """Word XML with each w:sym element replaced by the character Word draws (a code in U+F0xx as
    the character it stands for; a symbol font's as nothing); None when there is none."""
    if "sym" not in markup or not _SYM.search(markup):
        return None
    return _SYM.sub(_symbol, markup)


_SYM_FONT = re.compile(r"\b(?:\w+:)?font\s*=\s*[\"']([^\"']*)[\"']")
# Fonts whose characters are pictures or Greek letters, not the letters their codes name in Unicode
SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "marlett", "zapf", "mt extra", "dingbats")


def _symbol(match: re.Match) -> str:
    font = _SYM_FONT.search(match.group(0))
    if font and font.group(1).strip().lower().startswith(SYMBOL_FONTS):
        return ""
    code = int(match.group(1), 16)
    code = code - 0xF000 if 0xF020 <= code <= 0xF0FF else code
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""


def builds_text(formula: str) -> bool:
    """Whether a formula joins or makes text (outside the strings it spells out; a date or number
    shown with TEXT in a format of format codes only does not)."""
    formula = _DATE_TEXT.sub("0", html.unescape(formula))
    return bool(_BUILDS.search(_STRINGS.sub('""', formula)))


def formula_refusals(markup: str) -> list[str]:
    """One refusal for a worksheet (SpreadsheetML or OpenDocument) holding a formula that builds text."""
    if "formula" not in markup and "<f" not in markup and ":f" not in markup:
        return []
    found = [f for f in _EXCEL_FORMULA.findall(markup) + _ODF_FORMULA.findall(markup) if builds_text(f)]
    if not found:
        return []
    return [f"a formula that builds text ({html.unescape(found[0])[:60]!r}): the program shows what it "
            f"computes, which the kit cannot read; {VALUES}"]


def csv_refusals(text: str) -> list[str]:
    """One refusal for a CSV or TSV file with a cell that a spreadsheet program runs as a formula."""
    if "=" not in text and "(" not in text:
        return []
    dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
            cell = next((c for c in row if _CSV_FORMULA.match(c)), None)
            if cell is not None:
                return [f"row {number} holds a formula ({cell[:60]!r}), which a spreadsheet program runs when it "
                        f"opens the file and which the kit cannot read; {VALUES}"]
    except csv.Error:  # not parsed as CSV: every piece between separators judged alone
        cell = next((c for c in re.split(r"[,;\t\r\n]", text) if _CSV_FORMULA.match(c.strip('"'))), None)
        if cell is not None:
            return [f"it holds a formula ({cell[:60]!r}), which a spreadsheet program runs when it opens the file "
                    f"and which the kit cannot read; {VALUES}"]
    return []


_FORMAT_CODE = re.compile(r"""\bformatCode\s*=\s*("[^"]*"|'[^']*')""")
_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_HEADER = re.compile(r"<(?:\w+:)?(?:odd|even|first)(?:Header|Footer)\b[^>]*>([^<]*)<", re.IGNORECASE)
_HEADER_CODE = re.compile(r'&"[^"]*"|&\d+|&K[0-9A-Fa-f]{6}|&K\d{2}[+-]\d{3}|&[A-Za-z]')


def shown_formats(markup: str) -> str | None:
    """What a spreadsheet shows from its styles and page setup besides the cells: the literal
    text of custom number formats (``"Chi"\\l"d R"`` shows Child R in the cell) and print
    headers and footers without their codes (``&CChi&Bld&B R``); None when there is none."""
    if "formatCode" not in markup and "eader" not in markup and "ooter" not in markup:
        return None
    shown = []
    for quoted in _FORMAT_CODE.findall(markup):
        code = html.unescape(quoted[1:-1])
        text = "".join(a or b for a, b in _LITERAL.findall(code))
        if text.strip():
            shown.append(text)
    for header in _HEADER.findall(markup):
        text = _HEADER_CODE.sub("", html.unescape(header).replace("&&", "\x00")).replace("\x00", "&")
        if text.strip():
            shown.append(text)
    return "\n".join(shown) or None
