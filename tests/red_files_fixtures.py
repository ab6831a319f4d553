"""The red-team attachments of tests/test_red_team_files.py, by case name."""
from __future__ import annotations

import red_files_media
import red_files_office
import red_files_pdf
import red_files_pdf_parts
from red_files_base import BOX, NAME

MODULES = (red_files_pdf, red_files_pdf_parts, red_files_office, red_files_media)
PDF_CASES = {**red_files_pdf.DRAWN, **red_files_pdf_parts.PARTS}
CASES = {**PDF_CASES, **red_files_office.OFFICE, **red_files_media.MEDIA}


def make(case: str, name: str = NAME) -> tuple[str, bytes]:
    """The file name (its extension the case's prefix; PDFs have none) and bytes of `case`, hiding
    `name` (cases that read the name when they are made: the module-level constants keep NAME)."""
    ext = "pdf" if case in PDF_CASES else case.split("_", 1)[0]
    for module in MODULES:
        module.NAME = name
    try:
        return f"{case.replace('_', '-')}.{ext}", CASES[case]()
    finally:
        for module in MODULES:
            module.NAME = NAME
