"""The email digest: what became public since the last production build, as an email a comms
officer sends to the partnership's mailing list. Plain text, HTML, and an `.eml` draft that
Outlook opens ready to send (`X-Unsent: 1`). Written outside the published site (`digest/` at
the project root, git-ignored), never deployed. Public items only: the caller passes what became
public, and this module drops anything the catalogue does not hold as public."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from html import escape
from pathlib import Path
from typing import Callable

from lscp_kit.clock import format_day
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules.items import TYPE_LABELS, Item
from lscp_kit.settings import Settings

FOLDER = "digest"
NAMES = ("digest.eml", "digest.html", "digest.txt")


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str
    items: tuple[str, ...] = ()

    def eml(self, sender: str) -> bytes:
        """The digest as an unsent email: Outlook (classic and new) opens it as a draft to send."""
        msg = EmailMessage(policy=SMTP)
        msg["Subject"] = self.subject
        if sender:
            msg["From"] = sender
        msg["To"] = ""
        msg["X-Unsent"] = "1"
        msg.set_content(self.text)
        msg.add_alternative(self.html, subtype="html")
        return msg.as_bytes()

    def files(self, sender: str) -> dict[str, bytes]:
        """File name -> bytes, for `digest/`."""
        return dict(zip(NAMES, (self.eml(sender), self.html.encode("utf-8"), self.text.encode("utf-8"))))


def _plural(n: int) -> str:
    return f"{n} new publication{'' if n == 1 else 's'}"


def compose(cat: Catalogue, idents: list[str], settings: Settings) -> Digest | None:
    """The digest of `idents` that are public in `cat`, newest first; None when there are none."""
    items = [i for i in cat.public if i.id in set(idents)]
    if not items:
        return None
    base = settings.site_url.rstrip("/") + "/"
    subject = f"{settings.short_name}: {_plural(len(items))} ({format_day(cat.day)})"
    rows = [(i, base + i.url, cat.first_public[i.id]) for i in items]
    return Digest(subject, _text(settings, rows, base), _html(settings, rows, base, subject), tuple(i.id for i in items))


def _line(item: Item, day: date) -> str:
    return f"{TYPE_LABELS.get(item.type, item.type)}, published {format_day(day)}"


def _text(settings: Settings, rows: list[tuple[Item, str, date]], base: str) -> str:
    out = [f"New from the {settings.name}", ""]
    for item, url, day in rows:
        out += [item.title, _line(item, day)] + ([item.summary] if item.summary else []) + [url, ""]
    out += [f"Every publication, and other ways to subscribe: {base}subscribe/",
            f"To stop these emails, reply to this email{f' or write to {settings.email}' if settings.email else ''}."]
    return "\n".join(out) + "\n"


def _html(settings: Settings, rows: list[tuple[Item, str, date]], base: str, subject: str) -> str:
    colour = escape(settings.primary)
    entries = "".join(
        f'<li style="margin:0 0 18px"><a href="{escape(url)}" style="color:{colour};font-weight:bold;'
        f'font-size:18px">{escape(item.title)}</a><br><span style="color:#4a4a4a">{escape(_line(item, day))}</span>'
        + (f"<br>{escape(item.summary)}" if item.summary else "") + "</li>"
        for item, url, day in rows)
    stop = f' or write to <a href="mailto:{escape(settings.email)}">{escape(settings.email)}</a>' if settings.email else ""
    return (f'<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(subject)}</title></head>'
            f'<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f1f1f">'
            f'<h1 style="font-size:22px;border-bottom:4px solid {colour};padding-bottom:6px">New from the '
            f'{escape(settings.name)}</h1><ul style="list-style:none;padding:0">{entries}</ul>'
            f'<p><a href="{escape(base)}subscribe/" style="color:{colour}">Every publication, and other ways to '
            f'subscribe</a>.</p><p style="color:#4a4a4a">To stop these emails, reply to this email{stop}.</p>'
            f"</body></html>\n")


def write(project: Path, files: dict[str, bytes]) -> Path:
    """The digest's files into `project/digest/`; the folder."""
    folder = project / FOLDER
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def publish(project: Path, cat: Catalogue, came: list[str], settings: Settings, auditor: Callable) -> str:
    """Write the digest of `came` (read by the leak audit first, as every output is) into
    `project/digest/`; the build summary's line saying where it is."""
    mail = compose(cat, came, settings)
    if mail is None:
        return f"Email digest: nothing became public, so {FOLDER}/ is unchanged."
    files = mail.files(settings.email)
    audit = auditor()
    if any(audit.scan_file(f"{FOLDER}/{name}", data) for name, data in files.items()):
        return f"Email digest: not written, as the leak audit found a non-public item in it; {FOLDER}/ is unchanged."
    write(project, files)
    n = len(mail.items)
    return (f"Email digest of {n} new item{'' if n == 1 else 's'}: open {FOLDER}/{NAMES[0]} in Outlook, add "
            f"the mailing list and send it ({FOLDER}/ is never published).")
