"""Publication boundaries through real builds: embargo days, BST midnight, preview."""
import json

import pytest

from helpers import PDF, Project, review


@pytest.fixture
def embargoed(project: Project) -> Project:
    project.item("reviews/2027-child-e/index.md", files={"e-report.pdf": PDF},
                 **review("scr", title="Child E review", date="2027-01-04", report="e-report.pdf",
                          embargo={"until": "2027-06-01", "reason": "criminal trial"}))
    return project


def test_embargo_last_day_and_the_day_it_lifts(embargoed: Project):
    assert embargoed.build("2027-05-31").returncode == 0
    assert not (embargoed.site / "reviews/2027-child-e").exists()
    assert embargoed.build("2027-06-01").returncode == 0
    assert (embargoed.site / "reviews/2027-child-e/e-report.pdf").exists()


@pytest.mark.parametrize("moment, public", [
    ("2027-05-31T22:59:59+00:00", False),
    ("2027-05-31T23:30:00+00:00", True),  # 00:30 on 1 June in London (BST)
])
def test_bst_midnight(embargoed: Project, moment, public):
    result = embargoed.build(moment)
    assert result.returncode == 0, result.output
    assert (embargoed.site / "reviews/2027-child-e/index.html").exists() is public
    feed = (embargoed.site / "feeds/reviews.xml").read_text()
    assert ("Child E review" in feed) is public


def test_preview_shows_everything_marked_and_noindexed(embargoed: Project):
    embargoed.item("reviews/2027-draft.md", **dict(title="Draft review", status="draft", type="scr"))
    result = embargoed.build("2027-05-01", SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    site = embargoed.preview_site
    assert not embargoed.site.exists()  # a preview never writes into site/
    page = (site / "reviews/2027-child-e/index.html").read_text()
    assert "Preview build" in page and "Embargoed until 1 June 2027" in page and "criminal trial" in page
    assert "Draft" in (site / "reviews/2027-draft/index.html").read_text()
    for path in site.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in path.read_text(), path
    assert (site / "PREVIEW-BUILD-DO-NOT-DEPLOY.txt").exists()
    assert not (site / "feeds").exists() and not (site / "open-data").exists()
    assert not embargoed.register.exists()  # a preview never writes the register


def test_search_index_has_public_items_only(embargoed: Project):
    embargoed.item("reviews/2027-public.md", **review("scr", title="Public review of Child F", date="2027-01-04"))
    assert embargoed.build("2027-05-01").returncode == 0
    docs = json.loads((embargoed.site / "search/search_index.json").read_text())["docs"]
    titles = {d["title"] for d in docs}
    assert "Public review of Child F" in titles and "Child E review" not in titles


def test_same_content_and_as_of_give_byte_identical_site(embargoed: Project, tmp_path):
    embargoed.item("reviews/2027-public.md", **review("scr", title="Public review", date="2027-01-04"))
    assert embargoed.build("2027-06-02").returncode == 0
    first = embargoed.outputs()
    assert embargoed.build("2027-06-02").returncode == 0
    assert embargoed.outputs() == first
