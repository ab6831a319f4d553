"""Public attachments checked before publication: redactions that hold, no hidden history, no
metadata that names anyone; and which PDFs are not accessible. Pure core: no engine, no clock."""
from lscp_kit.checks.findings import (AccessNote, Attachment, Findings, check_attachments, check_catalogue,
                                      hidden_needles, public_attachments)

__all__ = ["AccessNote", "Attachment", "Findings", "check_attachments", "check_catalogue", "hidden_needles",
           "public_attachments"]
