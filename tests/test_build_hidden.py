"""Real builds: no trace of any hidden item in any output file, for every hidden state."""
import json
import re

import pytest

from helpers import COVER, PDF, Project, learning, own_copy, review

AS_OF = "2026-06-01"
HIDDEN = {
    "draft": dict(title="Zebra draft review", status="draft", type="lcspr"),
    "embargo-until": review("scr", title="Yak embargoed review", embargo={"until": "2026-06-02", "reason": "trial"}),
    "embargo-open": review("scr", title="Xerus held review", embargo={"reason": "inquest"}),
    "scheduled": review("scr", title="Walrus scheduled review", date="2026-06-02"),
    "rapid": review("rapid-review", title="Vole rapid review"),
    "withdrawn": review("scr", title="Urchin withdrawn review", date="2024-01-08", status="withdrawn",
                        withdrawn={"date": "2026-05-31", "reason": "family asked"}),
    "removed": review("scr", title="Tapir removed review", date="2024-01-08", remove_after="2026-06-01"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("hidden") / "p")
    project.item("reviews/2026-public-a/index.md", body="A public review.\n",
                 files={"public-a-report.pdf": PDF}, **review("scr", title="Aardvark public review",
                                                               report="public-a-report.pdf"))
    project.item("learning/guides/public-guide.md", **learning(title="Badger public guide",
                                                               reviews=[f"2026-{s}" for s in HIDDEN] + ["2026-public-a"]))
    for state, meta in HIDDEN.items():
        meta = dict(meta, report=f"{state}-secret-report.pdf")
        project.item(f"reviews/2026-{state}/index.md", body=f"Body of the {state} review.\n",
                     files={f"{state}-secret-report.pdf": PDF}, **meta)
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    return project


def test_the_public_review_and_its_report_are_published(built):
    assert (built.site / "reviews/2026-public-a/index.html").exists()
    assert (built.site / "reviews/2026-public-a/public-a-report.pdf").read_bytes() == own_copy(
        PDF, "reviews/2026-public-a/public-a-report.pdf")
    assert "Aardvark public review" in (built.site / "reviews/index.html").read_text()


@pytest.mark.parametrize("state", HIDDEN)
def test_no_page_and_no_attachment(built, state):
    assert not (built.site / f"reviews/2026-{state}").exists()
    assert not list(built.site.rglob(f"{state}-secret-report.pdf"))


@pytest.mark.parametrize("state", HIDDEN)
def test_no_search_entry_sitemap_line_or_nav_entry(built, state):
    index = json.loads((built.site / "search/search_index.json").read_text())
    assert not [d for d in index["docs"] if f"2026-{state}" in d["location"] or HIDDEN[state]["title"] in d["title"]]
    assert f"2026-{state}" not in (built.site / "sitemap.xml").read_text()
    for page in ("index.html", "reviews/index.html", "learning/guides/public-guide/index.html"):
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', (built.site / page).read_text(), re.S)
        assert nav and f"2026-{state}" not in nav.group(0) and HIDDEN[state]["title"] not in nav.group(0)


@pytest.mark.parametrize("state", HIDDEN)
def test_neither_title_nor_url_nor_file_name_in_any_output_file(built, state):
    title, url, name = HIDDEN[state]["title"], f"reviews/2026-{state}", f"{state}-secret-report.pdf"
    for path, text in built.outputs().items():
        assert title.lower() not in text.lower(), path
        assert url not in text, path
        assert name not in text, path


def test_hidden_reviews_are_left_out_of_learning_without_a_word(built):
    page = (built.site / "learning/guides/public-guide/index.html").read_text()
    assert "Aardvark public review" in page
    assert "not public" not in page.lower()


def test_production_build_is_not_marked_preview_and_has_feeds(built):
    assert not (built.site / "PREVIEW-BUILD-DO-NOT-DEPLOY.txt").exists()
    assert (built.site / "feeds/reviews.xml").exists()
    assert "noindex" not in (built.site / "index.html").read_text()


def test_the_register_is_never_copied_into_the_site(built):
    assert not list(built.site.rglob("publication-register*"))


def test_an_asset_only_a_hidden_page_uses_is_not_copied(project):
    png = COVER
    project.write("assets/secret-diagram.png", png)
    project.write("assets/shared-diagram.png", png)
    project.write("assets/unused-diagram.png", png)
    own = _other_png()  # the hidden guide's own picture (the same bytes as a public file: an error)
    project.item("learning/guides/hidden/index.md", body="![d](../../../assets/secret-diagram.png) "
                 "![s](../../../assets/shared-diagram.png) ![b](bundle.png)\n", files={"bundle.png": own},
                 **learning(title="Quokka hidden guide", status="draft"))
    project.item("learning/guides/public.md", body="![s](../../assets/shared-diagram.png)\n",
                 **learning(title="Public guide"))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert not (project.site / "assets/secret-diagram.png").exists()
    assert not (project.site / "assets/unused-diagram.png").exists()
    assert not (project.site / "learning/guides/hidden").exists()
    assert (project.site / "assets/shared-diagram.png").read_bytes() == png
    assert (project.site / "assets/site.css").exists()  # the site config names it


def _other_png() -> bytes:
    """A small PNG of its own."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (12, 34, 56)).save(out, "PNG")
    return out.getvalue()
