"""Bad input stops the build: every problem at once, named by file and key, no traceback,
and the previous site/ left exactly as it was."""
import pytest

from helpers import PDF, Project, learning, review

GOOD = "---\ntitle: Good review\nstatus: published\ntype: scr\ndate: 2026-01-12\nsummary: Fine.\n---\nBody\n"
BAD_INPUTS = {
    "unknown key": ("reviews/bad.md", GOOD.replace("summary", "embrago: {until: 2027-01-01, reason: t}\nsummary"), "embrago"),
    "duplicate key": ("reviews/bad.md", GOOD.replace("status: published", "status: published\nstatus: draft"), "status"),
    "wrong type": ("reviews/bad.md", GOOD.replace("summary: Fine.", "summary: [a, b]"), "summary"),
    "impossible date": ("reviews/bad.md", GOOD.replace("2026-01-12", "2026-02-30"), "date"),
    "impossible embargo date": ("reviews/bad.md", GOOD.replace("summary", "embargo: {until: 2026-02-29, reason: t}\nsummary"), "embargo.until"),
    "missing required key": ("reviews/bad.md", GOOD.replace("type: scr\n", ""), "type"),
    "missing date": ("reviews/bad.md", GOOD.replace("date: 2026-01-12\n", ""), "date"),
    "bad status": ("reviews/bad.md", GOOD.replace("published", "publised"), "status"),
    "withdrawn without block": ("reviews/bad.md", GOOD.replace("published", "withdrawn"), "withdrawn"),
    "bad YAML": ("reviews/bad.md", GOOD.replace("title: Good review", "title: [Good"), "front matter"),
    "no front matter": ("reviews/bad.md", "# Just a heading\n", "front matter"),
    "missing report file": ("reviews/bad.md", GOOD.replace("summary", "report: nowhere.pdf\nsummary"), "report"),
    "unknown review reference": ("learning/bad.md", "---\ntitle: G\nstatus: published\ntype: briefing\ndate: 2026-01-12\n"
                                 "summary: s\nreviews: [2026-nope]\n---\n", "reviews"),
    "lcspr without report_sent": ("reviews/bad.md", GOOD.replace("type: scr", "type: lcspr"), "timeline.report_sent"),
    "lcspr notice too short": ("reviews/bad.md", GOOD.replace("type: scr", "type: lcspr").replace(
        "summary", "timeline: {report_sent: 2026-01-06}\nsummary"), "timeline.report_sent"),
    "podcast without audio": ("learning/bad.md", "---\ntitle: P\nstatus: published\ntype: podcast\ndate: 2026-01-12\n"
                              "summary: s\nduration: '00:10:00'\n---\n", "audio"),
}


@pytest.fixture
def good_site(project: Project) -> Project:
    project.item("reviews/2026-good/index.md", files={"good-report.pdf": PDF}, **review("scr", report="good-report.pdf"))
    result = project.build()
    assert result.returncode == 0, result.output
    return project


def snapshot(project: Project) -> dict[str, str]:
    return project.outputs()


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_fails_closed(good_site: Project, case):
    before = snapshot(good_site)
    register = good_site.register_text()
    path, text, key = BAD_INPUTS[case]
    good_site.write(path, text)
    result = good_site.build()
    assert result.returncode != 0
    assert f"content/{path}: {key}: " in result.output
    assert "Traceback" not in result.output
    assert snapshot(good_site) == before
    assert good_site.register_text() == register
    assert not good_site.leftover_builds()


def test_all_errors_of_a_build_are_reported_at_once(good_site: Project):
    good_site.write("reviews/one.md", BAD_INPUTS["unknown key"][1])
    good_site.write("reviews/two.md", BAD_INPUTS["impossible date"][1])
    good_site.write("learning/three.md", BAD_INPUTS["unknown review reference"][1])
    result = good_site.build()
    assert result.returncode != 0
    for expected in ("content/reviews/one.md: embrago:", "content/reviews/two.md: date:",
                     "content/learning/three.md: reviews:"):
        assert expected in result.output
    assert "3 problems" in result.output


def test_three_kinds_of_mistake_give_three_messages_and_the_last_line(good_site: Project):
    """A misspelt key, a link to a hidden item and a link to a missing file, made together."""
    good_site.write("reviews/one.md", BAD_INPUTS["unknown key"][1])
    good_site.item("reviews/2026-secret.md", **review("scr", title="Secret", embargo={"reason": "trial"}))
    good_site.item("learning/guide.md", body="See [the review](../reviews/2026-secret.md).\n", **learning())
    good_site.write("about.md", "# About\n\nRead [the policy](assets/missing-policy.pdf).\n")
    result = good_site.build()
    assert result.returncode != 0
    for expected in ("content/reviews/one.md: embrago:", "content/learning/guide.md: link: line 9 links to reviews/2026-secret",
                     "content/about.md: link: links to assets/missing-policy.pdf, which does not exist"):
        assert expected in result.output, result.output
    assert "3 problems" in result.output
    assert result.output.rstrip().splitlines()[-1] == "Nothing was published: the previous site/ is unchanged."
    assert "Aborted" not in result.output and "BuildError" not in result.output


def test_a_public_page_linking_to_a_hidden_item_names_both(good_site: Project):
    good_site.item("reviews/2026-secret.md", **review("scr", title="Secret", embargo={"reason": "trial"}))
    good_site.item("learning/guide.md", body="See [the review](../reviews/2026-secret.md).\n", **learning())
    result = good_site.build()
    assert result.returncode != 0
    assert ("content/learning/guide.md: link: line 9 links to reviews/2026-secret, which is not public (Held "
            "by an embargo with no end date (trial)") in result.output
    assert "Traceback" not in result.output


def test_a_link_to_a_review_embargoed_to_a_day_says_the_day_once(good_site: Project):
    good_site.item("reviews/2026-later.md", **review("scr", title="Later", embargo={"until": "2027-02-15",
                                                                                      "reason": "trial"}))
    good_site.item("learning/guide.md", body="See [the review](../reviews/2026-later.md).\n", **learning())
    result = good_site.build()
    assert result.returncode != 0
    assert ("content/learning/guide.md: link: line 9 links to reviews/2026-later, which is not public until "
            "15 February 2027: remove the link until then (why: Embargoed until 15 February 2027 (trial): "
            "public from that day)") in result.output, result.output


def test_a_link_to_a_withdrawn_review_says_it_was_withdrawn_and_gives_the_lines(good_site: Project):
    good_site.item("reviews/2025-gone.md", **review("scr", title="Gone", date="2025-01-06", status="withdrawn",
                                                    withdrawn={"date": "2026-05-01", "reason": "Superseded."}))
    good_site.item("learning/guide.md", body="See [the review](../reviews/2025-gone.md).\n\nAgain: "
                   "[here](/reviews/2025-gone/).\n", **learning())
    result = good_site.build()
    assert result.returncode != 0
    assert ("content/learning/guide.md: link: lines 9 and 11 link to reviews/2025-gone, which was withdrawn on "
            "1 May 2026 and is no longer on the site: remove the link") in result.output
    assert "until it is public" not in result.output


@pytest.mark.parametrize("link", ["/reviews/2026-secret/", "../reviews/2026-secret/", "../reviews/2026-secret/index.md"])
def test_link_forms_from_a_plain_page(good_site: Project, link):
    good_site.item("reviews/2026-secret/index.md", **review("scr", title="Secret", status="draft"))
    good_site.write("about.md", f"# About\n\n<a href=\"{link}\">x</a> and [y]({link})\n")
    result = good_site.build()
    assert result.returncode != 0 and "content/about.md: link: line 3 links to reviews/2026-secret" in result.output


def test_leak_audit_catches_a_hidden_title_typed_into_a_public_page(good_site: Project):
    before = snapshot(good_site)
    good_site.item("reviews/2026-secret.md", **review("scr", title="The review of Child Q", embargo={"reason": "trial"}))
    good_site.item("learning/guide.md", body="We will soon publish The Review of Child Q.\n", **learning())
    result = good_site.build()
    assert result.returncode != 0
    assert "leak audit" in result.output and "reviews/2026-secret" in result.output
    assert "learning/guide/index.html" in result.output
    assert "Traceback" not in result.output
    assert snapshot(good_site) == before


def test_an_attachment_no_item_owns_is_an_error(good_site: Project):
    good_site.write("reviews/stray-report.pdf", PDF)
    result = good_site.build()
    assert result.returncode != 0 and "content/reviews/stray-report.pdf: file: belongs to no item" in result.output


def test_bad_site_as_of(good_site: Project):
    result = good_site.build("2026-02-30")
    assert result.returncode != 0 and "SITE_AS_OF" in result.output and "Traceback" not in result.output


def test_a_strict_warning_also_keeps_the_previous_site(good_site: Project):
    before = snapshot(good_site)
    good_site.write("about.md", "# About\n\n[broken](nowhere.md)\n")
    result = good_site.build()
    assert result.returncode != 0
    assert snapshot(good_site) == before
    assert not good_site.leftover_builds()


def test_a_broken_item_causes_no_knock_on_errors(good_site: Project):
    good_site.item("reviews/2026-good/index.md", files={"good-report.pdf": PDF},
                   **review("scr", report="good-report.pdf", embrago={"reason": "typo"}))
    good_site.item("learning/guide.md", **learning(reviews=["2026-good"]))
    result = good_site.build()
    assert result.returncode != 0
    assert "1 problem to fix" in result.output
    assert "content/reviews/2026-good/index.md: embrago: unknown key" in result.output
