"""Pages carry Material's stylesheet trimmed to what the site uses, and the site's own, inline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import trim_css
from helpers import EXAMPLE_AS_OF, REPO, example_project

TRIMMED = REPO / "overrides/assets/stylesheets/material.min.css"
SITE_CSS = REPO / "overrides/assets/site.css"


def selectors(css: str) -> set[str]:
    out = set()
    for prelude, body in trim_css.blocks(css):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            out |= {f"{prelude} {s}" for s in selectors(body)}
        elif not prelude.startswith("@"):
            out |= set(trim_css.split_top(prelude))
    return out


def test_trimmed_from_the_installed_material():
    """After a Material upgrade, re-run scripts/trim_css.py (and check main.html's bundle name)."""
    source = next(trim_css.THEME.glob("assets/stylesheets/main.*.min.css"))
    assert TRIMMED.read_text().startswith(f"/* {source.name} trimmed by scripts/trim_css.py */")
    bundle = re.search(r"assets/javascripts/(bundle\.\w+\.min\.js)", (REPO / "overrides/main.html").read_text())
    assert (trim_css.THEME / "assets/javascripts" / bundle.group(1)).exists()
    assert len(TRIMMED.read_bytes()) < 70_000 < len(source.read_bytes())


def test_trimming_drops_only_what_cannot_apply():
    css = (".md-typeset table{a:1}.md-annotation{b:2}[dir=rtl] .md-typeset ul{c:3}"
           "@media screen{.md-search__input,.md-tooltip{d:4}}:root{--md-x-icon:url(\"data:x\");--md-y:1}"
           ".md-typeset .note:before{mask-image:var(--md-admonition-icon--note)}")
    out = trim_css.drop_unused_icons(trim_css.trim(css, {"md-typeset", "md-search__input", "note"}))
    assert out == (".md-typeset table{a:1}@media screen{.md-search__input{d:4}}:root{--md-y:1}"
                   ".md-typeset .note:before{mask-image:var(--md-admonition-icon--note)}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = example_project(tmp_path_factory.mktemp("weight") / "partnership")
    result = project.build(EXAMPLE_AS_OF)
    assert result.returncode == 0, result.output
    return project.site


def test_every_page_inlines_both_stylesheets_and_links_none(site):
    trimmed, own = TRIMMED.read_text().rstrip("\n"), SITE_CSS.read_text().rstrip("\n")  # as Jinja includes them
    pages = list(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text()
        assert trimmed in html and own in html, page
        assert 'rel="stylesheet"' not in html and "palette." not in html, page
        assert 'src="' in html and ".min.js\" defer>" in html, page
        # Material's script fetches <dir>/sitemap.xml for every link[rel=alternate] (a 404 for feeds/)
        assert 'rel="alternate"' not in html, page
    assert 'rel="alternate feed" type="application/rss+xml"' in (site / "index.html").read_text()


def test_the_trimmed_stylesheet_keeps_every_rule_the_pages_can_use(site):
    source = next(trim_css.THEME.glob("assets/stylesheets/main.*.min.css")).read_text()
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    needed = selectors(trim_css.trim(source, trim_css.used_classes([site])))
    missing = needed - selectors(TRIMMED.read_text())
    assert not missing, f"re-run scripts/trim_css.py: {sorted(missing)[:10]}"
    assert any(".md-search-result__meta" in s for s in needed)  # added by Material's script at run time
