"""Rich Text Format: the comments, tracked deletions and hidden text (\\v) a file keeps besides
what Word shows."""
from __future__ import annotations

from lscp_kit.audit.readers.base import Refused
from lscp_kit.audit.readers.rtf import parse
from lscp_kit.checks.office_package import text_of


def rtf_history(data: bytes, where: str = "the document") -> list[str]:
    """One line for each kind of hidden content in the RTF file (or in Word's RTF chunk `where`)."""
    try:
        parsed = parse(data)
    except Refused:
        return []  # binary data: the leak audit refuses the file
    kinds = [("comments", parsed.comments), ("tracked deletions still in the file", parsed.deleted),
             ("hidden text", parsed.hidden)]
    joined = [(what, (" " if what == "comments" else "").join(parts)) for what, parts in kinds]
    return [f"{where}: {what}: «{text_of([text])}»" for what, text in joined if text.strip()]
