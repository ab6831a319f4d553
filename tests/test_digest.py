"""The email digest of what became public: written by a production build outside the site, as
plain text, HTML and an .eml Outlook opens as a draft, never naming a hidden item."""
import email
import email.policy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from helpers import REPO, Project, learning, review
from lscp_kit import settings
from lscp_kit.outputs import digest
from lscp_kit.rules import catalogue

TODAY = datetime.now(ZoneInfo("Europe/London")).date()
NEW = "Aardvark review of the year"
HIDDEN = {"title": "Yak embargoed review", "child": "Child Q"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("digest") / "p")
    project.item("reviews/2026-aardvark.md", **review("scr", title=NEW, date=str(TODAY - timedelta(days=2))))
    project.item("learning/old-guide.md", **learning(title="Badger old guide", date="2026-02-02"))
    project.item("reviews/2026-yak.md", **review("scr", **HIDDEN, embargo={"reason": "criminal trial"}))
    project.seed_register({"learning/old-guide": "2026-02-02"}, last_build=str(TODAY - timedelta(days=5)))
    first = project.build(None)
    assert first.returncode == 0, first.output
    files = {name: (project.root / "digest" / name).read_bytes() for name in digest.NAMES}
    second = project.build(None)
    assert second.returncode == 0, second.output
    return project, first, second, files


def test_the_build_says_where_the_digest_is(built):
    _, first, _, _ = built
    assert ("Email digest of 1 new item: open digest/digest.eml in Outlook, add the mailing list and send it "
            "(digest/ is never published).") in first.output


def test_the_eml_is_an_unsent_draft_with_text_and_html(built):
    files = built[3]
    msg = email.message_from_bytes(files["digest.eml"], policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"].startswith("Wealdmouth SCP: 1 new publication (")
    text, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    assert NEW in text and NEW in html and "Badger old guide" not in text
    assert "https://safeguarding.wealdmouth.example.org/reviews/2026-aardvark/" in text
    assert files["digest.txt"].decode() == text.replace("\r\n", "\n")
    assert NEW in files["digest.html"].decode()


def test_no_digest_file_names_a_hidden_item(built):
    for name, data in built[3].items():
        words = data.decode("utf-8", "replace").lower()
        for needle in (HIDDEN["title"], HIDDEN["child"], "2026-yak", "yak"):
            assert needle.lower() not in words, (name, needle)


def test_the_digest_is_never_published_and_git_ignores_it(built):
    project = built[0]
    assert not [p for p in project.site.rglob("*") if "digest" in p.name]
    assert "/digest/" in (REPO / ".gitignore").read_text().splitlines()


def test_a_build_with_nothing_new_leaves_the_last_digest_alone(built):
    project, _, second, files = built
    assert "Email digest: nothing became public, so digest/ is unchanged." in second.output
    assert {n: (project.root / "digest" / n).read_bytes() for n in digest.NAMES} == files


def test_an_as_of_build_writes_no_digest(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2026-aardvark.md", **review("scr", title=NEW))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    assert "Email digest" not in result.output and not (project.root / "digest").exists()


def test_compose_leaves_out_an_item_that_is_not_public():
    def text(meta):
        return "---\n" + yaml.safe_dump(meta) + "---\n\nBody.\n"
    sources = {"reviews/2026-a.md": text(review("scr", title="Public one")),
               "reviews/2026-b.md": text(review("scr", title="Held one", embargo={"reason": "trial"}))}
    cat, problems = catalogue.load(sources, frozenset(sources), TODAY)
    assert problems == []
    read = settings.read("P", "https://example.org/", {"partnership": {"name": "P", "short_name": "PSCP"}})[0]
    mail = digest.compose(cat, ["reviews/2026-a", "reviews/2026-b"], read)
    assert mail.items == ("reviews/2026-a",) and "Held one" not in mail.text + mail.html
    assert digest.compose(cat, ["reviews/2026-b"], read) is None
