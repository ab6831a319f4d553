"""Preview listings say each hidden item's state; a held item never says it was published."""
import re

import pytest

from helpers import Project, learning, review


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    p = Project(tmp_path_factory.mktemp("preview") / "p")
    p.item("reviews/2026-public.md", **review("scr", title="Public review of Child A", date="2026-01-12"))
    p.item("reviews/2026-soon.md", **review("scr", title="Soon review of Child B", date="2026-06-08"))
    p.item("reviews/2026-emb.md", **review("scr", title="Embargoed review of Child C", date="2026-02-02",
                                             embargo={"until": "2026-07-06", "reason": "trial"}))
    p.item("reviews/2026-held.md", **review("scr", title="Held review of Child D", date="2026-03-02",
                                              embargo={"reason": "inquest"}))
    p.item("reviews/2024-gone.md", **review("scr", title="Withdrawn review of Child E", date="2024-03-04",
                                              status="withdrawn", withdrawn={"date": "2026-05-04", "reason": "Error."}))
    p.item("reviews/2024-removed.md", **review("scr", title="Removed review of Child F", date="2024-03-04",
                                                 remove_after="2026-04-06"))
    p.item("learning/draft.md", **dict(learning(title="Draft guide"), status="draft"))
    result = p.build("2026-06-01", SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    site = next(d for d in (p.root / "preview-site", p.site) if (d / "index.html").exists())
    return site


def meta(html: str, title: str) -> str:
    match = re.search(rf">{re.escape(title)}</a>\s*<span class=\"lscp-meta\">(.*?)</span>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1))


@pytest.mark.parametrize("title, words", [
    ("Public review of Child A", "Serious case review, 12 January 2026"),
    ("Soon review of Child B", "Serious case review, not public: scheduled for 8 June 2026"),
    ("Embargoed review of Child C", "Serious case review, not public: embargoed until 6 July 2026"),
    ("Held review of Child D", "Serious case review, not public: held by an embargo with no end date"),
    ("Withdrawn review of Child E", "Serious case review, not public: withdrawn on 4 May 2026"),
    ("Removed review of Child F", "Serious case review, not public: removed on 6 April 2026"),
])
def test_each_hidden_review_shows_its_state_in_the_listing(preview, title, words):
    assert meta((preview / "reviews/index.html").read_text(), title) == words


def test_a_draft_shows_as_a_draft_in_the_learning_listing(preview):
    assert meta((preview / "learning/index.html").read_text(), "Draft guide").endswith("not public: draft")


def test_a_held_item_never_says_published(preview):
    html = (preview / "reviews/2026-held/index.html").read_text()
    assert "<dt>Published</dt>" not in html and "Not public: held by an embargo with no end date" in html
    assert "<dt>Published</dt>" in (preview / "reviews/2026-public/index.html").read_text()
