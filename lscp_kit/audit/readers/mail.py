"""E-mail (.eml, MHTML, message/rfc822) read as a mail program shows it, with the standard
library's `email`: every header decoded (RFC 2047 words, any charset), every part decoded
(base64, quoted-printable, its charset), text parts as text, HTML parts as markup, every other
part (attachments, enclosed messages' files) read as a nested file by its file name."""
from __future__ import annotations

import email
import email.policy

from lscp_kit.audit.readers.base import Context, Readings

RESAVE = "save the message again from the mail program (or as PDF) and publish that"


def read_mail(name: str, data: bytes, ctx: Context) -> Readings:
    message = email.message_from_bytes(data, policy=email.policy.default)
    found = Readings()
    for part in message.walk():
        found.text.append("\n".join(f"{key}: {value}" for key, value in part.items()))
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        ctype = part.get_content_type()
        filename = part.get_filename()
        if ctype.startswith("text/") and not filename:
            text = _decoded(payload, part.get_content_charset())
            (found.markup if ctype in ("text/html", "text/xml") else found.text).append(text)
            if "\x00" in text:
                found.text.append(text.replace("\x00", ""))
        else:
            found.extend(ctx.nested(filename or _name_for(ctype), payload))
    return found


def _decoded(payload: bytes, charset: str | None) -> str:
    for codec in (charset, "utf-8", "cp1252"):
        if codec:
            try:
                return payload.decode(codec)
            except (LookupError, UnicodeDecodeError):
                continue
    return payload.decode("cp1252", errors="replace")


def _name_for(ctype: str) -> str:
    """A name for an unnamed part, so that nested reading finds its kind ("part.pdf")."""
    subtype = ctype.split("/", 1)[-1].split("+")[0]
    return f"part.{subtype}" if subtype.isalnum() else "part.bin"
