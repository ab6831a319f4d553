"""Red team, needles: names as people write them, passages of hidden text, copies that are an
error to resolve, and ordinary text that must still build. Two real builds of one partnership:
first the ordinary text (it builds), then the leaks added (it stops, naming each)."""
import pytest

from helpers import PDF, Project, learning, review
from test_audit import _pdf

AS_OF = "2026-06-01"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."
FINDINGS = ("Agencies did not share the health visitor's concerns about the bruising with the school, "
            "and no strategy discussion was held before the family moved across the county boundary in March.")
REPORT = _pdf("Embargoed until the trial ends: the final report of the review")
WREN = _pdf("The panel found that the escalation policy was\nnot used by any agency during the eleven months\n"
            "before the second referral was made by the nursery")
ORDINARY = """Training dates for 2027-Q1 are below; Q1 2027 sessions fill quickly.

We give every child a voice. Every child a chance to be heard.

Ask about all the adults (fathers/male carers) in the household: mothers/fathers/carers alike.

Paediatric (child A&E) attendances rose this year.
"""


def page(project: Project, name: str, body: str) -> None:
    project.write(f"{name}.md", f"---\ntitle: {name.title()}\n---\n\n{body}\n")


def partnership(project: Project) -> None:
    project.item("reviews/2026-good/index.md", files={"good-report.pdf": PDF},
                 **review("scr", title="Good review", report="good-report.pdf"))
    project.item("reviews/2026-child-r/index.md", body=f"## What we found\n\n{FINDINGS}\n",
                 files={"final-report-v3.pdf": REPORT},
                 **review("lcspr", title="Embargoed practice review", child="Child R", report="final-report-v3.pdf",
                          embargo={"reason": "criminal proceedings"}))
    project.item("reviews/2026-wren/index.md", files={"wren-report.pdf": WREN},
                 **review("scr", title="Wren review", report="wren-report.pdf", embargo={"reason": "trial"}))
    project.item("reviews/2026-kite.md", **review("lcspr", title="Child S: a review of neglect", status="draft"))
    project.item("reviews/2025-harbour.md", **review("scr", title="Harbour review", child="Child A", date="2025-01-10",
                                                    status="withdrawn",
                                                    withdrawn={"date": "2026-03-01", "reason": "superseded"}))
    project.item("learning/one-minute-guides/fathers.md", **learning(title="Seeing the men in the family",
                                                                     date="2026-09-01"))
    project.item("learning/newsletters/2027-q1.md", **learning("newsletter", title="Spring newsletter",
                                                               status="draft"))
    project.item("learning/one-minute-guides/male-carers.md", body=ORDINARY,
                 **learning(title="Fathers/male carers: what to ask"))
    page(project, "training", ORDINARY)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("needles"))
    partnership(project)
    ordinary = project.build(AS_OF)
    leaks(project)
    refused = project.build(AS_OF)
    return project, ordinary, refused


def leaks(project: Project) -> None:
    project.item("learning/newsletters/2026-summer/index.md", body=f"News from the partnership.\n\n{FINDINGS}\n",
                 **learning("newsletter", title="Summer newsletter"))
    project.write("learning/newsletters/2026-summer/appendix.pdf", REPORT)  # the embargoed report, renamed
    project.write("reviews/2026-good/final-report-v3.pdf", REPORT)  # the same file under the same name
    project.item("learning/one-minute-guides/quoting.md", body="As the review found, no strategy discussion was "
                 "HELD before the family moved across the county boundary.\n",
                 **learning(title="Quoting a review"))
    page(project, "pdf-passage", "Notes: the panel found that the escalation policy was not used by any agency "
                                 "during the eleven months before the referral.")
    page(project, "hyphen", "The Child-R review is coming.")
    page(project, "curly", "Child ‘R’ was known to services.")
    page(project, "dash", "Work on Child R—delayed until the trial ends.")
    page(project, "capital", "What happened to Child A?")
    page(project, "title-pseudonym", "Lessons from Child S.")
    page(project, "link", "See `/learning/one-minute-guides/fathers/` soon.")
    page(project, "quarter", "Read `2027-q1` when it is out.")
    project.write("assets/2026-kite.png", b"\x89PNG\r\n\x1a\n not really")
    page(project, "picture", "![cover](assets/2026-kite.png)")


def test_ordinary_text_around_hidden_slugs_and_pseudonyms_builds(built):
    _project, ordinary, _refused = built
    assert ordinary.returncode == 0, ordinary.output


@pytest.mark.parametrize("line", [
    "site/hyphen/index.html: leak: contains the slug of reviews/2026-child-r ('child-r')",
    "site/curly/index.html: leak: contains the child pseudonym of reviews/2026-child-r (\"child 'r'\")",
    "site/dash/index.html: leak: contains the child pseudonym of reviews/2026-child-r ('child r')",
    "site/capital/index.html: leak: contains the child pseudonym of reviews/2025-harbour ('child a')",
    "site/title-pseudonym/index.html: leak: contains the child pseudonym of reviews/2026-kite ('child s')",
    "site/link/index.html: leak: contains the URL of learning/one-minute-guides/fathers",
    "site/quarter/index.html: leak: contains the slug of learning/newsletters/2027-q1 ('2027-q1')",
    "site/learning/newsletters/2026-summer/index.html: leak: contains the text of reviews/2026-child-r",
    "site/learning/one-minute-guides/quoting/index.html: leak: contains the text of reviews/2026-child-r",
    "site/pdf-passage/index.html: leak: contains the text of reviews/2026-wren",
    "site/learning/newsletters/2026-summer/appendix.pdf: leak: contains the copy of the attachment file of "
    "reviews/2026-child-r ('final-report-v3.pdf')",
    "content/learning/newsletters/2026-summer/appendix.pdf: the same file is attached to "
    "content/learning/newsletters/2026-summer/appendix.pdf (public) and content/reviews/2026-child-r/final-report-v3.pdf "
    "(not public): remove it from one",
    "content/reviews/2026-good/final-report-v3.pdf: the same file is attached to content/reviews/2026-good/"
    "final-report-v3.pdf (public) and content/reviews/2026-child-r/final-report-v3.pdf (not public): remove it from one",
    "site/assets/2026-kite.png: leak: contains the slug of reviews/2026-kite ('2026-kite')",
])
def test_each_leak_stops_the_build_and_is_named(built, line):
    _project, _ordinary, refused = built
    assert refused.returncode != 0
    assert line in refused.output, refused.output
    assert refused.output.rstrip().splitlines()[-1] == LAST_LINE
    assert "Traceback" not in refused.output


def test_ordinary_text_is_never_named_among_the_leaks(built):
    _project, _ordinary, refused = built
    leaks = [line for line in refused.output.splitlines() if ": leak: " in line]
    assert leaks and not [line for line in leaks if line.lstrip().startswith(
        ("site/training/", "site/learning/one-minute-guides/male-carers/"))], refused.output
