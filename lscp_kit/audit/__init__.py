"""The leak audit: every output file read as the public's software reads it.

What the build uses is exported here; the modules behind it may change shape: `normalise` (the
one normalisation rule), `needles` (what to look for per hidden item), `passages` (hidden texts
by their word shingles), `copies` (hidden files by their bytes), `matcher` (the Auditor),
`scan` (the audit of a built site), `background` (the audit beside the engine), `readers`.
"""
from lscp_kit.audit.background import BackgroundAudit
from lscp_kit.audit.matcher import UNREADABLE, Auditor
from lscp_kit.audit.normalise import mentions, normalise
from lscp_kit.audit.scan import audit_site, package_template_dirs

__all__ = ["UNREADABLE", "Auditor", "BackgroundAudit", "audit_site", "mentions", "normalise",
           "package_template_dirs"]
