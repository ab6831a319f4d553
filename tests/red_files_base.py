"""Shared pieces of the red-team attachments for issue 19 (tests/test_red_team_files.py): each
attachment hides a real name ("Jordan Ashworth") where a reader of a public report might find it."""
from __future__ import annotations

import io
import zipfile
from typing import Callable

NAME = "Jordan Ashworth"
LINES = ["The review was led by the panel.", f"The child, {NAME}, told the panel."]
BOX = b"136 698 62 16 re f\n"  # over the name on the second line


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def _with(data: bytes, parts: dict[str, str | bytes]) -> bytes:
    """An Office zip with `parts` added or replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        old = {n: archive.read(n) for n in archive.namelist()}
    return _zip({**old, **parts})


def _xmp(body: str) -> str:
    return ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
            'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" '
            'xmlns:exif="http://ns.adobe.com/exif/1.0/">' + body + '</rdf:Description></rdf:RDF></x:xmpmeta>'
            '<?xpacket end="w"?>')



def makers(namespace: dict, prefixes: tuple[str, ...] = ()) -> dict[str, Callable[[], bytes]]:
    """The public functions a fixture module defines (those whose name starts with `prefixes`)."""
    module = namespace["__name__"]
    return {k: v for k, v in namespace.items() if callable(v) and getattr(v, "__module__", "") == module
            and not k.startswith("_") and (not prefixes or k.split("_")[0] in prefixes)}
