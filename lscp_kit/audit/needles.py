"""What to look for, per hidden item: the needles, written as people write them.

A needle is a hidden item's URL path (also without its section: ``one-minute-guides/fathers``),
bare slug (also without its year prefix: ``child-r``), title (also reversed, as a right-to-left
override shows it), attachment file names, and a review's child pseudonym (``child:`` or, when
missing, the one its title names), also written with a hyphen, quotes or dashes around the
letter (``Child-R``, ``Child 'R'``, ``Child R-related``). Less what public items share: their
slugs, titles, pseudonyms and file names, and the path components of the pages the build
generates from them (theme listings). A public file of content/ never exempts a needle: named
after a hidden slug, it is itself a leak.

A title of one word that public text already uses as a word ("Neglect") is no name; a slug of
ordinary words inside another site's address (``lullabytrust.org.uk/safer-sleep/``) is that
site's page. The item's own URL, and a slug with a digit or a review's, count everywhere.

Needles must match as a URL path, a slug or a name would be written: a pseudonym's letter in
capitals (``Child A``, not "every child a voice"), a one-word slug in lower case (``2027-q1``,
not "2027-Q1"), a relative URL followed by the end of a link or a file (``"fathers/"``,
``../fathers/index.html``), not by an ordinary word ("(fathers/male carers)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping

from lscp_kit.audit.normalise import mentions, normalise, words
from lscp_kit.rules.items import Item

# Who a review is about, in its title when `child:` is missing: "Child S", "Baby X", "Sibling group Y".
_TITLE_PSEUDONYM = re.compile(r"(?<![\w-])((?i:Child|Baby|Infant|Sibling group|Siblings|Young person|Family|"
                              r"Adult|Children)\s+(?:[A-Z]{1,3}|\d{1,3}))(?![\w])")
# A title as people retype it: the colon after its name written as a dash, a comma or nothing.
_TITLE_COLON = re.compile(r"\s*:\s+")
_YEAR = re.compile(r"(?:19|20)\d\d-(.+)")
# What may follow a relative link's "slug/": the end of the link, index.html, a sub-folder or a file.
_LINK_TAIL = re.compile(r"(?:$|[^\w]|index\.html|[\w~%.-]*\w(?:/|\.[a-z0-9]{1,5}(?!\w)))")


@dataclass(frozen=True)
class Needle:
    """One thing to look for. `text` is normalised before matching. `case`: a case-sensitive
    pattern the case-kept reading must hold too (a pseudonym's capital letter); `tail`: what must
    follow the match; `joined`: a hyphen and a letter may follow (``Child R-related``);
    `strong`: looked for in raw bytes and paths too, not only in text; `bounded`: must stand alone;
    `in_links`: counts inside an absolute address (``https://other.example/safer-sleep/``) too;
    `longer_in_links`: counts there as the start of a longer path segment too
    (``https://events.example/2025-child-r-workshop``: in this site a longer slug is another item's)."""

    what: str
    text: str
    case: re.Pattern | None = None
    tail: re.Pattern | None = None
    joined: bool = False
    strong: bool = True
    bounded: bool = True
    in_links: bool = True
    longer_in_links: bool = False


@dataclass(frozen=True)
class Shared:
    """What public items already show: never a needle. Names and slugs compare case-insensitively;
    titles and pseudonyms as `normalise`d."""

    names: frozenset[str] = frozenset()  # file names (public items' files, every public file)
    slugs: frozenset[str] = frozenset()  # public items' slugs, path components of generated pages
    titles: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()  # one-word titles of hidden items that public text uses as a word

    @classmethod
    def of(cls, public: Iterable[Item], public_paths: Iterable[str] = (),
           public_files: Mapping[str, object] | None = None) -> Shared:
        """`public_paths`: every published path; those not in `public_files` (files of content/)
        are generated from public items, so their path components are public words."""
        public, paths = list(public), [p.strip("/") for p in public_paths]
        sourced = set(public_files or ())
        generated = [p for p in paths if p not in sourced]
        components = {_stem(part) for path in generated for part in path.split("/") if part}
        return cls(names=frozenset(n.lower() for n in [p.rsplit("/", 1)[-1] for i in public for p in i.files]
                                   + [p.rsplit("/", 1)[-1] for p in paths]),
                   slugs=frozenset({slug_of(i).lower() for i in public} | components),
                   titles=frozenset(normalise(i.title) for i in public),
                   children=frozenset(normalise(c) for i in public for c in [pseudonym(i)] if c))


    def with_ordinary(self, hidden: Iterable[Item], texts: Iterable[str | bytes | Path]) -> Shared:
        """These, and the one-word titles of `hidden` items that `texts` (public items' texts,
        pages of content/, the site's own files) or a generated page's path use as a word: a
        title such as "Neglect" is then an ordinary word, not a name (the item's URL, slugs,
        files and passages are still looked for). A rare word no public text uses still counts."""
        single = {t for i in hidden for t in [normalise(i.title)] if t and len(words(t)) == 1} - self.titles
        found = single & self.slugs
        for text in texts if single - found else ():
            if isinstance(text, (bytes, bytearray, Path)):
                try:
                    text = (text if isinstance(text, (bytes, bytearray)) else text.read_bytes()).decode("utf-8", "replace")
                except OSError:
                    continue
            folded = normalise(text)
            found |= {t for t in single - found if mentions(folded, t)}
            if found == single:
                break
        return replace(self, ordinary=frozenset(found))


def _stem(part: str) -> str:
    part = part.lower()
    return part.rsplit(".", 1)[0] if "." in part[1:] else part


def slug_of(item: Item) -> str:
    return item.id.rsplit("/", 1)[-1]


def pseudonym(item: Item) -> str | None:
    """The child pseudonym a review uses: `child`, else the one its title names, else None."""
    if item.section != "reviews":
        return None
    if item.child:
        return item.child
    found = _TITLE_PSEUDONYM.search(item.title)
    return " ".join(found.group(1).split()) if found else None


def needles(item: Item, shared: Shared = Shared()) -> list[Needle]:
    """Every needle that betrays `item` in raw bytes and paths as well as text."""
    found = [Needle("URL", item.id)]
    if item.id.count("/") >= 2:
        found.append(Needle("URL", item.id.split("/", 1)[1]))
    if normalise(item.title) not in shared.titles | shared.ordinary:
        found += [Needle("title", title) for title in title_forms(item.title)]
    found += slug_needles(slug_of(item), shared, named=item.section == "reviews")
    found += [Needle("attachment file name", form) for name in attachment_names(item, shared)
              for form in dict.fromkeys([name, name.replace("-", "_"), name.replace("_", "-")])]
    child = pseudonym(item)
    if child and normalise(child) not in shared.children:
        found += pseudonym_needles(child)
    return found


def title_forms(title: str) -> list[str]:
    """The title, and with the colon after its name retyped (``Name - subtitle``, ``Name, subtitle``)."""
    if not _TITLE_COLON.search(title):
        return [title]
    return [title] + [_TITLE_COLON.sub(joint, title, count=1) for joint in (" - ", ", ", " ", " : ")]


def slug_needles(slug: str, shared: Shared, named: bool = False) -> list[Needle]:
    """The slug when it has a hyphen or digit, and without its year prefix when that leaves a
    hyphenated name (``2026-child-r`` -> ``child-r``; ``2027-q1`` leaves no name). A slug of one
    word besides digits must be written in lower case, as in a URL. A slug of ordinary words
    (``safer-sleep``) inside an absolute address is that site's page, not this item (whose own
    address is a URL needle); a slug with a digit, or a review's (`named`: it names the child),
    counts there too."""
    if slug.lower() in shared.slugs:
        return []
    year = _YEAR.fullmatch(slug)
    forms = [slug] + ([year.group(1)] if year and "-" in year.group(1) else [])
    found = []
    for n, form in enumerate(forms):
        if not any(c.isdigit() or c == "-" for c in form) or form.lower() in shared.slugs:
            continue
        words = [w for w in re.split(r"[-_.]", form) if any(c.isalpha() for c in w)]
        case = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])") if len(words) < 2 else None
        in_links = named or any(c.isdigit() for c in form)
        found.append(Needle("slug", form, case=case, in_links=in_links, longer_in_links=named and n == 0))
        if "-" in form and n == 0:  # the whole slug as people write a name with underscores: 2025_child_r
            found.append(Needle("slug", form.replace("-", "_"), case=case and re.compile(
                r"(?<![\w-])" + re.escape(form.replace("-", "_")) + r"(?![\w-])"), in_links=in_links))
    return found


def pseudonym_needles(child: str) -> list[Needle]:
    """``Child R`` as people write it: ``Child R``, ``Child-R``, ``Child 'R'``, ``Child "R"``,
    ``Child R-related``. Short capital tokens (the letter) must be capitals in the text."""
    tokens = child.split()
    case = _pseudonym_case(tokens)
    head, last = " ".join(tokens[:-1]), tokens[-1]
    forms = [child] if not head else [f"{head} {last}", f"{head}-{last}", f"{head} '{last}'",
                                      f'{head} "{last}"', f"{head}'{last}'", f"{head}-'{last}'", f"{head}_{last}"]
    if head and " " not in head:
        forms.append(f"{head}{last}")  # a hashtag: #ChildR
    return [Needle("child pseudonym", form, case=case, joined=True) for form in forms]


def _pseudonym_case(tokens: list[str]) -> re.Pattern | None:
    """A case-sensitive pattern for the tokens that are short capitals (``R``, ``AB``); the
    others in any case; None when no token is (``Child Lucy``)."""
    numbered = tokens[-1].isdigit()  # "Child 7": the words as written, so not "a child 7 years old"
    if not numbered and not any(t.isupper() and len(t) <= 3 for t in tokens):
        return None
    parts = [re.escape(t) if numbered or (t.isupper() and len(t) <= 3) else f"(?i:{re.escape(t)})" for t in tokens]
    return re.compile(r"(?<![^\W_])" + r"""[\s'"_-]{0,3}""".join(parts) + r"(?![^\W_]|&)")  # not "child A&E"


def attachment_names(item: Item, shared: Shared = Shared()) -> list[str]:
    """The file names of `item`'s files that no public file shares."""
    names = [path.rsplit("/", 1)[-1] for path in item.files]
    return [name for name in names if name.lower() not in shared.names]


def reversed_titles(item: Item, shared: Shared = Shared()) -> list[Needle]:
    """The title written backwards, as a right-to-left override (<bdo dir=rtl>, U+202E, CSS
    bidi-override) shows it in storage order: text readings only."""
    title = normalise(item.title)
    if title in shared.titles or title in shared.ordinary or len(title) < 4:
        return []
    return [Needle("title (written reversed)", title[::-1], strong=False)]


def relative_urls(item: Item, shared: Shared = Shared()) -> list[Needle]:
    """Relative links a page may hold to `item` (``../slug/``, ``"slug/``), followed by the end
    of a link or a path: text readings only; none when a public URL has a path component of
    that name (a theme page, a public item)."""
    last = slug_of(item)
    if last.lower() in shared.slugs:
        return []
    return [Needle("URL", f"{prefix}{last}/", tail=None if prefix == "../" else _LINK_TAIL, strong=False,
                   bounded=False) for prefix in ("../", '"', "'", "(")]
