"""The publishing core: pure rules for what a safeguarding partnership's site may show.

No MkDocs import and no clock of its own: callers pass parsed content and an as-of moment,
and get decisions, reasons and problems back. The MkDocs hooks and the scripts are thin
adapters over this package.
"""
