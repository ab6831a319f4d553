"""The red-team attachments of tests/test_red_team_files.py, by case name."""
from __future__ import annotations

from red_files_media import MEDIA
from red_files_office import OFFICE
from red_files_pdf import DRAWN
from red_files_pdf_parts import PARTS

CASES = {**DRAWN, **PARTS, **OFFICE, **MEDIA}


def make(case: str) -> tuple[str, bytes]:
    """The file name (its extension the case's prefix; PDFs have none) and bytes of `case`."""
    maker = CASES[case]
    ext = "pdf" if case in DRAWN or case in PARTS else case.split("_", 1)[0]
    return f"{case.replace('_', '-')}.{ext}", maker()
