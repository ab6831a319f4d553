"""Excel: what a workbook keeps that its reader does not see. Hidden and very hidden sheets, cells
in hidden rows and columns, cells whose font is the colour of their fill (white on white, black
on black), cells formatted to show nothing (;;;), shared strings no cell uses, a shared
workbook's change history, and pivot caches holding values no sheet shows."""
from __future__ import annotations

import re

from lscp_kit.checks.office_package import Package, text_of, unseen_on

X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Theme colours by index (Excel counts light 1 first) and the legacy indexed palette's black and white
THEME = {0: "FFFFFF", 1: "000000", 2: "E7E6E6", 3: "44546A"}
INDEXED = {8: "000000", 9: "FFFFFF", 64: "000000", 65: "FFFFFF"}
_SECTIONS = re.compile(r'"[^"]*"|\\.|[^;"\\]+|;')
SHARED = "xl/sharedStrings.xml"
COLOURED = "cells whose text is the colour of their fill"


def _colour(element, default: str | None) -> str | None:
    """An ARGB, theme or indexed colour as RRGGBB; `default` when there is none; None when unknown."""
    if element is None:
        return default
    if element.get("rgb"):
        return element.get("rgb")[-6:]
    for key, table in (("theme", THEME), ("indexed", INDEXED)):
        if (element.get(key) or "").isdigit():
            return None if element.get("tint") else table.get(int(element.get(key)))
    return None if element.get("auto") not in ("1", "true") else default


def _hides(code: str, text: bool) -> bool:
    """Whether a number format shows nothing for a text (or non-zero number) cell: `;;;`."""
    sections = [""]
    for token in _SECTIONS.findall(code):
        if token == ";":
            sections.append("")
        else:
            sections[-1] += token
    shown = [re.sub(r"\[[^\]]*\]", "", s).strip() for s in sections]
    return (len(shown) >= 4 and not shown[3]) if text else (len(shown) >= 2 and not shown[0] and not shown[1])


class _Styles:
    """xl/styles.xml: for each cell style index, whether it hides its value and why."""

    def __init__(self, pkg: Package) -> None:
        root = pkg.xml("xl/styles.xml")
        self.why: dict[int, str] = {}
        self.formats: dict[int, str] = {}
        if root is None:
            return
        formats = {f.get("numFmtId"): f.get("formatCode") or "" for f in root.iter(f"{X}numFmt")}
        fonts = [_colour(f.find(f"{X}color"), "000000") for f in root.iterfind(f"{X}fonts/{X}font")]
        fills = [self._fill(f) for f in root.iterfind(f"{X}fills/{X}fill")]
        for index, xf in enumerate(root.iterfind(f"{X}cellXfs/{X}xf")):
            font, fill = _at(fonts, xf.get("fontId")), _at(fills, xf.get("fillId"))
            if unseen_on(font, fill or "FFFFFF"):
                self.why[index] = COLOURED
            if xf.get("numFmtId") in formats:
                self.formats[index] = formats[xf.get("numFmtId")]

    @staticmethod
    def _fill(fill) -> str | None:
        pattern = fill.find(f"{X}patternFill")
        if pattern is None or pattern.get("patternType") != "solid":
            return "FFFFFF" if pattern is None or pattern.get("patternType") in (None, "none") else None
        return _colour(pattern.find(f"{X}fgColor"), None)

    def hides(self, cell, value: str, text: bool) -> str | None:
        index = int(cell.get("s")) if (cell.get("s") or "").isdigit() else 0
        if index in self.why:
            return self.why[index]
        code = self.formats.get(index)
        number_shown = text or value.strip() not in ("0", "0.0")
        if code and number_shown and _hides(code, text):
            return "cells formatted to show nothing (;;;)"
        return None


def _at(values: list, index: str | None):
    number = int(index) if (index or "0").isdigit() and index else 0
    return values[number] if number < len(values) else None


def _sheets(pkg: Package) -> list[str]:
    return sorted(n for n in pkg.names if n.startswith("xl/") and pkg.root_name(n) == "worksheet")


def _hidden_columns(root) -> list[tuple[int, int]]:
    out = []
    for col in root.iterfind(f"{X}cols/{X}col"):
        if col.get("hidden") in ("1", "true") or (col.get("width") in ("0", "0.0") and col.get("customWidth") != "0"):
            out.append((int(col.get("min") or 0), int(col.get("max") or 0)))
    return out


def _formatted(pkg: Package, name: str, root) -> list[tuple[int, int, int, int]]:
    """The ranges whose colours come from elsewhere than their cells' styles: conditional formatting
    (their look depends on their values); a whole sheet holding Excel tables or pivot tables (whose
    styles fill their header rows and bands)."""
    if root.find(f"{X}tableParts") is not None or any(r.kind == "pivotTable" for r in pkg.rels(name)):
        return [(0, 0, 1 << 30, 1 << 30)]
    out = []
    for rule in root.iterfind(f"{X}conditionalFormatting"):
        for ref in (rule.get("sqref") or "").split():
            first, _, last = ref.partition(":")
            last = last or first
            out.append((_column(first), _row(first), _column(last), _row(last)))
    return out


def _row(ref: str) -> int:
    digits = re.search(r"\d+", ref or "")
    return int(digits.group(0)) if digits else 0


def _column(ref: str) -> int:
    number = 0
    for letter in re.match(r"[A-Z]*", ref or "").group(0):
        number = number * 26 + ord(letter) - 64
    return number


class Workbook:
    """The values every cell of the workbook shows, and what hides them."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        root = pkg.xml(SHARED)
        self.strings = ["".join(si.itertext()) for si in root.iterfind(f"{X}si")] if root is not None else []
        self.used: set[int] = set()
        self.shown: set[str] = set()
        self.found: dict[tuple[str, str], list[str]] = {}
        styles = _Styles(pkg)
        for name in _sheets(pkg):
            self._read(name, pkg.xml(name), styles)

    def _value(self, cell) -> tuple[str, bool]:
        kind, v = cell.get("t"), cell.find(f"{X}v")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(f"{X}t")), True
        if kind == "s" and v is not None and (v.text or "").strip().isdigit():
            index = int(v.text)
            self.used.add(index)
            return (self.strings[index] if index < len(self.strings) else ""), True
        return (v.text or "") if v is not None else "", kind == "str"

    def _read(self, name: str, root, styles: _Styles) -> None:
        if root is None:
            return
        columns, coloured = _hidden_columns(root), _formatted(self.pkg, name, root)
        for row in root.iter(f"{X}row"):
            row_hidden = row.get("hidden") in ("1", "true") or (row.get("ht") in ("0", "0.0")
                                                               and row.get("customHeight") in ("1", "true"))
            for cell in row.iter(f"{X}c"):
                value, text = self._value(cell)
                if not value.strip():
                    continue
                self.shown.add(value)
                column = _column(cell.get("r") or "")
                why = "cells in hidden rows" if row_hidden else "cells in hidden columns" if any(
                    a <= column <= b for a, b in columns) else styles.hides(cell, value, text)
                if why == COLOURED and any(c1 <= column <= c2 and r1 <= _row(cell.get("r")) <= r2
                                           for c1, r1, c2, r2 in coloured):
                    why = None  # conditional formatting may give it another colour
                if why:
                    self.found.setdefault((name, why), []).append(value)


def sheet_hidden(pkg: Package) -> list[str]:
    """Every way listed above a workbook keeps text out of sight."""
    out = []
    book = pkg.xml(pkg.main_part() or "xl/workbook.xml")
    if book is not None:
        hidden = [s.get("name") for s in book.iter(f"{X}sheet") if s.get("state") in ("hidden", "veryHidden")]
        if hidden:
            out.append(f"xl/workbook.xml: hidden sheets: {', '.join(repr(h) for h in hidden)}")
    cells = Workbook(pkg)
    out += [f"{name}: {why}: «{text_of(values)}»" for (name, why), values in cells.found.items()]
    unused = [s for i, s in enumerate(cells.strings) if i not in cells.used and s.strip()]
    if unused:
        out.append(f"{SHARED}: {UNUSED}: «{text_of(unused)}»")
    for name in pkg.names:
        if name.startswith("xl/revisions/") and name.endswith(".xml") and pkg.root_name(name) == "revisions":
            text = "".join(pkg.xml(name).itertext()) if pkg.xml(name) is not None else ""
            if text.strip():
                out.append(f"{name}: a shared workbook's change history (earlier values of cells): «{text_of([text])}»")
    out += _pivot_caches(pkg, cells.shown)
    return out


UNUSED = "text no cell uses (kept in the shared strings)"


def _pivot_caches(pkg: Package, shown: set[str]) -> list[str]:
    """Pivot caches holding text no cell of the workbook shows (rows of a sheet since deleted)."""
    out = []
    for name in pkg.names:
        if not name.startswith("xl/pivotCache/") or pkg.root_name(name) not in ("pivotCacheRecords", "pivotCacheDefinition"):
            continue
        root = pkg.xml(name)
        values = {s.get("v") for s in root.iter(f"{X}s")} if root is not None else set()
        unseen = sorted(v for v in values if v and v.strip() and v not in shown)
        if unseen:
            out.append(f"{name}: a pivot cache holding values no sheet shows: «{text_of(unseen)}»")
    return out
