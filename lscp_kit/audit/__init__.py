"""The leak audit: every output file read as the public's software reads it.

What the build uses is exported here; the modules behind it may change shape.
"""
from lscp_kit.audit.scan import (UNREADABLE, Auditor, BackgroundAudit, audit_site, mentions, normalise,
                                 package_template_dirs)

__all__ = ["UNREADABLE", "Auditor", "BackgroundAudit", "audit_site", "mentions", "normalise",
           "package_template_dirs"]
