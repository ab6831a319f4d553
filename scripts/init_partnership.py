"""`make init NAME="Northbridge Safeguarding Children Partnership"`: make the kit a partnership's own.

Removes every example item (and its files) from content/reviews/ and content/learning/, keeping
the two section pages; starts a fresh publication register, deliberately, recording which
example items it removed; writes the partnership's details into mkdocs.yml (site_name,
site_url, site_description, copyright, extra.partnership); and puts the partnership's name,
contacts and address in place of the example's in the starter pages (content/ and overrides/).

Refused, with nothing changed, when the register (or its git history) holds items of the
partnership's own that are still inside their year, or content/ holds items that are not the
kit's examples.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from settings_yaml import load, set_key

from lscp_kit.clock import LONDON
from lscp_kit.files import register_history
from lscp_kit.rules import register as reg
from lscp_kit.settings import tel_uri

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests/fixtures/example"  # the kit's example partnership, as shipped
SECTIONS = ("reviews", "learning")
TEXT_SUFFIXES = {".md", ".html", ".css", ".svg", ".txt", ".xml", ".xsl", ".js", ".json", ".yml"}
SUFFIXES = (" Safeguarding Children Partnership", " Children's Safeguarding Partnership",
            " Safeguarding Partnership")


@dataclass
class Details:
    """A partnership's details, as mkdocs.yml's extra.partnership holds them."""

    name: str
    short_name: str = ""
    place: str = ""
    site_url: str = ""
    email: str = ""
    phone: str = ""
    front_door: str = ""
    out_of_hours: str = ""
    partners: tuple[str, ...] = ()

    def completed(self) -> "Details":
        """Defaults for what was not given, from the name."""
        place = self.place or next((self.name[:-len(s)] for s in SUFFIXES if self.name.endswith(s)),
                                   self.name.split()[0])
        slug = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-") or "partnership"
        site_url = self.site_url or f"https://safeguarding.{slug}.example.org/"
        host = re.sub(r"^(www|safeguarding)\.", "", urlsplit(site_url).hostname or f"{slug}.example.org")
        return Details(
            name=self.name, place=place, site_url=site_url if site_url.endswith("/") else site_url + "/",
            short_name=self.short_name or (f"{place} SCP" if place != self.name else self.name),
            email=self.email or f"safeguarding.partnership@{host}", phone=self.phone or "",
            front_door=self.front_door or self.phone, out_of_hours=self.out_of_hours or self.phone,
            partners=self.partners or (f"{place} Council", f"{place} Police", f"NHS {place} Integrated Care Board"))


class Refused(Exception):
    """make init will not run here: the message says why and what to do."""


def example_ids() -> frozenset[str]:
    """The ids of the kit's example items (as shipped in tests/fixtures/example)."""
    return frozenset(_item_ids(EXAMPLE / "content")) | frozenset(_register(EXAMPLE))


def _item_ids(content: Path) -> list[str]:
    ids = []
    for section in SECTIONS:
        for page in sorted((content / section).rglob("*.md")):
            rel = page.relative_to(content).as_posix()
            if rel != f"{section}/index.md":
                ids.append(rel.removesuffix("/index.md").removesuffix(".md"))
    return ids


def _register(project: Path) -> reg.Register:
    path = project / reg.FILENAME
    return reg.parse(path.read_text(encoding="utf-8"))[0] if path.exists() else reg.Register()


def refusal(project: Path, today) -> str | None:
    """Why make init must not run here, or None."""
    examples = example_ids()
    own_items = [i for i in _item_ids(project / "content") if i not in examples]
    if own_items:
        return (f"content/ holds items that are not the kit's examples ({', '.join(own_items[:5])}"
                f"{' ...' if len(own_items) > 5 else ''}): make init would delete them. This repository "
                "is already a partnership's own; edit mkdocs.yml to change its details instead.")
    registers = [_register(project)]
    if register_history.in_repository(project):
        registers += [reg.parse(t)[0] for _, t in register_history.committed_versions(project) if t.strip()]
    own = sorted({ident for r in registers for ident, e in r.items()
                  if (ident not in examples or r.fresh_start) and e.gone is None
                  and e.first_public <= today <= reg.retention_end(e.first_public)})
    if own:
        return (f"{reg.FILENAME} holds items of this partnership's own that are inside their year "
                f"({', '.join(own[:5])}{' ...' if len(own) > 5 else ''}): they must stay online, so the "
                "register cannot start again. Edit mkdocs.yml to change the partnership's details instead.")
    return None


def replacements(old: dict, new: Details) -> list[tuple[re.Pattern, str]]:
    """The example's words (read from mkdocs.yml) and the partnership's, longest first; a
    phrase split over two lines still matches."""
    pairs = [(old.get("name"), new.name), (old.get("short_name"), new.short_name),
             (old.get("feedback_email"), new.email), (old.get("email"), new.email)]
    pairs += list(zip(old.get("partners") or [], new.partners))
    phones = [(old.get(k), getattr(new, k)) for k in ("front_door", "out_of_hours", "phone") if getattr(new, k)]
    pairs += phones + [(tel_uri(o), tel_uri(n)) for o, n in phones if o]  # the number and its tel: link
    old_host, new_host = urlsplit(old.get("site_url") or "").hostname, urlsplit(new.site_url).hostname
    pairs += [(old_host, new_host)]
    place = old.get("place")
    if place:
        pairs += [(place, new.place), (place.lower(), new.place.lower().replace(" ", "-"))]
    pairs = sorted({(o, n) for o, n in pairs if o and n and o != n}, key=lambda p: -len(p[0]))
    return [(re.compile(r"\s+".join(map(re.escape, o.split(" ")))), n) for o, n in pairs]


def replace_text(text: str, pairs: list[tuple[re.Pattern, str]]) -> str:
    for pattern, new in pairs:
        text = pattern.sub(new.replace("\\", "\\\\"), text)
    return text


def _old_details(config: dict) -> dict:
    old = dict((config.get("extra") or {}).get("partnership") or {})
    old["site_url"] = config.get("site_url") or ""
    name = old.get("name") or config.get("site_name") or ""
    old["place"] = next((name[:-len(s)] for s in SUFFIXES if name.endswith(s)), "")
    return old


def write_settings(project: Path, new: Details, old: dict) -> None:
    path = project / "mkdocs.yml"
    text = replace_text(path.read_text(encoding="utf-8"), replacements(old, new))
    partners = ", ".join(new.partners[:-1]) + f" and {new.partners[-1]}" if len(new.partners) > 1 else new.partners[0]
    for key, value in (("site_name", new.name), ("site_url", new.site_url), ("copyright", new.name),
                       ("site_description", f"Child safeguarding practice reviews and learning from the {new.name}: "
                                            f"{partners}.")):
        text = set_key(text, (key,), value)
    for key in ("name", "short_name", "email", "phone", "front_door", "out_of_hours"):
        text = set_key(text, ("extra", "partnership", key), getattr(new, key))
    text = set_key(text, ("extra", "partnership", "partners"), list(new.partners))
    text = set_key(text, ("extra", "partnership", "feedback_email"), new.email)
    path.write_text(text, encoding="utf-8")


def remove_examples(project: Path) -> list[str]:
    """Every item and its files under content/reviews/ and content/learning/; the section pages stay."""
    removed = []
    for section in SECTIONS:
        folder = project / "content" / section
        for child in sorted(folder.iterdir()) if folder.is_dir() else []:
            if child.name == "index.md":
                continue
            removed.append(child.relative_to(project).as_posix())
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    return removed


def rename_pages(project: Path, pairs) -> list[str]:
    """The example's name and contacts replaced in every text file of content/ and overrides/."""
    changed = []
    for folder in ("content", "overrides"):
        for path in sorted((project / folder).rglob("*")):
            if not path.is_file() or path.is_symlink() or path.suffix.lower() not in TEXT_SUFFIXES:
                continue
            text = path.read_text(encoding="utf-8")
            new = replace_text(text, pairs)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(path.relative_to(project).as_posix())
    return changed


def fresh_register(project: Path, today, removed_ids) -> None:
    register = reg.Register()
    register.fresh_start = reg.FreshStart(today, frozenset(removed_ids))
    (project / reg.FILENAME).write_text(reg.dump(register), encoding="utf-8")


def init(project: Path, details: Details, today) -> list[str]:
    """Make `project` the partnership's own; the lines to tell the officer. Raises Refused."""
    why = refusal(project, today)
    if why:
        raise Refused(why)
    new = details.completed()
    old = _old_details(load((project / "mkdocs.yml").read_text(encoding="utf-8")))
    old_ids = set(_item_ids(project / "content")) | set(_register(project))
    pairs = replacements(old, new)
    write_settings(project, new, old)
    removed = remove_examples(project)
    changed = rename_pages(project, pairs)
    fresh_register(project, today, old_ids)
    lines = [f"The kit is now the {new.name}'s own.",
             f"Removed {len(removed)} example item(s) and their files from content/reviews/ and content/learning/.",
             f"Started a fresh {reg.FILENAME}: the example's publication history is not yours, so it was "
             "cleared on purpose (the file records which example items were removed).",
             f"Wrote your details into mkdocs.yml (site_name, site_url, copyright, site_description, "
             f"extra.partnership): short name {new.short_name}, partners {'; '.join(new.partners)}, "
             f"site {new.site_url}, email {new.email}.",
             f"Put your name in place of the example's in: {', '.join(changed) or 'nothing'}."]
    left = leftovers(project, old.get("place") or "")
    if left:
        lines.append("The example's name is still in: " + ", ".join(left) + " (edit these by hand).")
    if not details.phone or not details.front_door:
        lines.append("Check the telephone numbers in mkdocs.yml (extra.partnership: phone, front_door for "
                     "children's services, out_of_hours) and on content/index.md and content/about.md.")
    lines.append("Check content/about.md (postal address, opening hours) and content/accessibility.md (the "
                 "days it was prepared and tested, and by whom), put your logo in place of "
                 "content/assets/partnership-mark.svg (it shows the example's letters), "
                 "then run `make site` and commit everything (git add -A && git commit).")
    return lines


def leftovers(project: Path, place: str) -> list[str]:
    if not place:
        return []
    pattern = re.compile(re.escape(place), re.IGNORECASE)
    found = []
    for path in sorted([project / "mkdocs.yml", *(project / "content").rglob("*"), *(project / "overrides").rglob("*")]):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | {".yml"}:
            if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                found.append(path.relative_to(project).as_posix())
    return found


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for field in fields(Details):
        if field.name != "partners":
            parser.add_argument(f"--{field.name.upper()}", dest=field.name, default="")
    parser.add_argument("--PARTNERS", dest="partners", default="", help="the three partners, separated by ;")
    parser.add_argument("--project", type=Path, default=ROOT)
    return parser.parse_args(argv)


PROMPTS = (("name", "The partnership's full name (e.g. Northbridge Safeguarding Children Partnership)"),
           ("short_name", "Short name, for phone headers"), ("site_url", "The site's address (https://...)"),
           ("email", "The partnership's email address"), ("phone", "The partnership's telephone number"),
           ("front_door", "Children's services front door telephone"), ("out_of_hours", "Out-of-hours telephone"))


def _ask(args: argparse.Namespace) -> None:
    """Prompt for what was not given, when a person is at the terminal."""
    if not sys.stdin.isatty():
        return
    for key, label in PROMPTS:
        if not getattr(args, key):
            setattr(args, key, input(f"{label}: ").strip())


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    _ask(args)
    if not args.name:
        print('make init needs the partnership\'s name: make init NAME="Northbridge Safeguarding Children '
              'Partnership" (also SHORT_NAME=, SITE_URL=, EMAIL=, PHONE=, FRONT_DOOR=, OUT_OF_HOURS=)',
              file=sys.stderr)
        return 2
    partners = tuple(p.strip() for p in args.partners.split(";") if p.strip())
    details = Details(**{f.name: getattr(args, f.name) for f in fields(Details) if f.name != "partners"},
                      partners=partners)
    try:
        lines = init(args.project.resolve(), details, datetime.now(LONDON).date())
    except Refused as err:
        print(f"make init refused, nothing was changed: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
