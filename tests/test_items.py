"""The front-matter contract: every bad input is a problem naming the file and the key."""
import pytest

from lscp_kit.rules.items import parse_item

FILES = frozenset({"reviews/x.md", "reviews/b/index.md", "reviews/b/report.pdf", "learning/p/index.md",
                   "learning/p/ep.mp3"})
GOOD_REVIEW = """---
title: Child X
status: published
type: lcspr
date: 2026-01-12
summary: What happened.
timeline:
  report_sent: 2025-12-01
---
Body
"""


def problems(text: str, src: str = "reviews/x.md") -> list[str]:
    item, found = parse_item(src, text, FILES)
    assert (item is None) == bool(found)
    return [str(p) for p in found]


def with_line(line: str, base: str = GOOD_REVIEW) -> str:
    return base.replace("---\nBody", line + "\n---\nBody")


def test_a_good_review_parses():
    item, found = parse_item("reviews/x.md", GOOD_REVIEW, FILES)
    assert found == [] and item.id == "reviews/x" and item.url == "reviews/x/"
    assert item.path == "content/reviews/x.md" and item.timeline.report_sent.isoformat() == "2025-12-01"


@pytest.mark.parametrize("line, key, words", [
    ("embrago: {until: 2027-01-01, reason: trial}", "embrago", "unknown key"),
    ("embargo: {untill: 2027-01-01, reason: trial}", "embargo.untill", "unknown key"),
    ("embargo: {until: 2027-01-01}", "embargo.reason", "missing"),
    ("embargo: yes", "embargo", "must be a group"),
    ("embargo: {until: 2027-02-29, reason: trial}", "embargo.until", "not a real date"),
    ("remove_after: 2027-13-01", "remove_after", "not a real date"),
    ("remove_after: 1 June 2027", "remove_after", "YYYY-MM-DD"),
    ("themes: neglect", "themes", "must be a list"),
    ("themes: [neglect, neglect]", "themes", "twice"),
    ("child: [a, b]", "child", "must be text"),
    ("report: missing.pdf", "report", "single-file item has no folder"),
    ("audio: x.mp3", "audio", "unknown key"),
    ("withdrawn: {date: 2026-03-01, reason: asked}", "withdrawn", "only allowed with status: withdrawn"),
])
def test_bad_review_keys(line, key, words):
    found = problems(with_line(line))
    assert any(p.startswith(f"content/reviews/x.md: {key}: ") and words in p for p in found), found


@pytest.mark.parametrize("old, new, key, words", [
    ("title: Child X", "title: ''", "title", "has no value"),
    ("title: Child X", "title: 42", "title", "must be text"),
    ("title: Child X\n", "", "title", "missing"),
    ("status: published", "status: live", "status", "not one of"),
    ("type: lcspr", "type: rapid", "type", "not one of"),
    ("date: 2026-01-12", "date: 2026-02-30", "date", "not a real date"),
    ("date: 2026-01-12", "date: 2026", "date", "YYYY-MM-DD"),
    ("date: 2026-01-12\n", "", "date", "missing"),
    ("summary: What happened.\n", "", "summary", "missing"),
    ("title: Child X", "title: Child X\ntitle: Child Y", "title", "duplicate key"),
    ("status: published", "status: withdrawn", "withdrawn", "missing"),
    ("report_sent: 2025-12-01", "report_sent: 2025-02-30", "timeline.report_sent", "not a real date"),
    ("report_sent: 2025-12-01", "report_sent: 2025-12-01\n  incident_notified: 2025-03-10\n  rapid_review_sent: 2025-03-01",
     "timeline.rapid_review_sent", "before"),
    ("report_sent: 2025-12-01", "report_sent: 2025-12-01\n  reported: 2025-03-10", "timeline.reported", "unknown key"),
])
def test_bad_common_keys(old, new, key, words):
    found = problems(GOOD_REVIEW.replace(old, new, 1))
    assert any(p.startswith(f"content/reviews/x.md: {key}: ") and words in p for p in found), found


def test_every_problem_of_a_file_is_reported_at_once():
    text = GOOD_REVIEW.replace("status: published", "status: live").replace("date: 2026-01-12", "date: 2026-02-30")
    found = problems(with_line("embrago: {reason: x}", text))
    assert len(found) == 3


def test_a_draft_needs_only_title_status_and_type():
    assert problems("---\ntitle: T\nstatus: draft\ntype: scr\n---\n") == []


def test_missing_front_matter_and_bad_yaml():
    assert "front matter: missing" in problems("# Just text\n")[0]
    bad = problems("---\ntitle: [x\n---\n")
    assert bad[0].startswith("content/reviews/x.md: front matter: not valid YAML (line 3")


PODCAST = """---
title: Episode
status: published
type: podcast
date: 2026-01-12
summary: Listen.
audio: ep.mp3
duration: "00:42:10"
---
"""


def test_podcast_needs_audio_and_duration():
    assert problems(PODCAST, "learning/p/index.md") == []
    found = problems(PODCAST.replace("audio: ep.mp3\n", "").replace('duration: "00:42:10"\n', ""), "learning/p/index.md")
    assert {p.split(": ")[1] for p in found} == {"audio", "duration"}


@pytest.mark.parametrize("value", ["00:42", "0:42:10", "00:61:00", "42 minutes"])
def test_podcast_duration_must_be_hh_mm_ss(value):
    found = problems(PODCAST.replace('"00:42:10"', f'"{value}"'), "learning/p/index.md")
    assert any(": duration: " in p for p in found)


def test_unquoted_duration_stays_text():
    assert problems(PODCAST.replace('"00:42:10"', "00:42:10"), "learning/p/index.md") == []


def test_review_keys_are_unknown_in_learning():
    found = problems(PODCAST.replace("---\n\n", "child: Baby X\n---\n", 1).replace('"\n---', '"\nchild: Baby X\n---'),
                     "learning/p/index.md")
    assert any(": child: unknown key" in p for p in found)


def test_bundle_files_belong_to_the_item():
    item, _ = parse_item("reviews/b/index.md", GOOD_REVIEW.replace("---\nBody", "report: report.pdf\n---\nBody"), FILES)
    assert item.id == "reviews/b" and item.report == "reviews/b/report.pdf"
    assert item.files == ("reviews/b/report.pdf",)


def test_reserved_and_odd_file_names():
    files = FILES | {"reviews/Type.md", "reviews/type.md"}
    assert any("file name" in p for p in (str(x) for x in parse_item("reviews/type.md", GOOD_REVIEW, files)[1]))
    assert any("file name" in p for p in (str(x) for x in parse_item("reviews/Type.md", GOOD_REVIEW, files)[1]))


@pytest.mark.parametrize("line, key", [
    ("report: missing.pdf", "not found"),
    ("report: ../../secret.pdf", "outside the item's folder"),
    ("report: ../x.md", "not a URL or page"),
])
def test_attachments_live_in_the_items_folder(line, key):
    found = problems(with_line(line), "reviews/b/index.md")
    assert any(p.startswith("content/reviews/b/index.md: report: ") and key in p for p in found), found


@pytest.mark.parametrize("line, key", [
    ("embargo:", "embargo"),
    ("embargo: ~", "embargo"),
    ("embargo: null", "embargo"),
    ("embargo: {}", "embargo"),
    ("embargo: ''", "embargo"),
    ("embargo:\n  until:\n  reason: trial", "embargo.until"),
    ("embargo: {until: 2027-01-01, reason: ' '}", "embargo.reason"),
    ("withdrawn: null", "withdrawn"),
    ("remove_after:", "remove_after"),
    ("themes: []", "themes"),
    ("child:", "child"),
])
def test_a_key_with_no_value_is_an_error(line, key):
    found = problems(with_line(line))
    assert any(p.startswith(f"content/reviews/x.md: {key}: has no value") for p in found), found


def test_an_empty_withdrawn_block_is_reported_once_as_empty():
    found = problems(with_line("withdrawn:", GOOD_REVIEW.replace("status: published", "status: withdrawn")))
    assert [p for p in found if ": withdrawn: " in p] == [p for p in found if "has no value" in p]
    assert len(found) == 1, found


@pytest.mark.parametrize("line", ["? [a, b]\n: x", "? {a: 1}\n: x", "1: x", "true: x"])
def test_odd_keys_are_problems_not_crashes(line):
    found = problems(with_line(line))
    assert found and all(p.startswith("content/reviews/x.md: ") for p in found), found


def test_a_file_ending_at_its_closing_fence_is_read():
    item, found = parse_item("reviews/x.md", GOOD_REVIEW.replace("---\nBody\n", "---"), FILES)
    assert found == [] and item.body == "" and item.title == "Child X"


def test_the_scaffolds_placeholder_text_is_never_published():
    body = "\nWrite the review's summary page here: what happened, what the review found.\n"
    found = problems(GOOD_REVIEW.replace("Body\n", body))
    assert any(p.startswith("content/reviews/x.md: page: still has the template text") for p in found), found
    draft = GOOD_REVIEW.replace("status: published", "status: draft").replace("Body\n", body)
    assert problems(draft) == []


@pytest.mark.parametrize("line, label, other", [
    ("embargo: {until: 2017-03-01, reason: trial}", "date", "2026-01-12"),
    ("endorsed: 2026-03-01\nembargo: {until: 2026-02-01, reason: trial}", "endorsed date", "2026-03-01"),
])
def test_an_embargo_ending_before_the_items_dates_is_refused(line, label, other):
    found = problems(with_line(line))
    until = line.split("until: ")[1][:10]
    assert f"content/reviews/x.md: embargo.until: {until} is before the item's {label} {other}: an embargo " \
           "that ends before publication holds nothing back — check the year, or remove the embargo" in found


@pytest.mark.parametrize("line", [
    "embargo: {until: 2026-01-12, reason: trial}",  # ends on the day of publication
    "embargo: {until: 2027-03-01, reason: trial}",
    "embargo: {reason: trial}",  # held until removed
    "endorsed: 2026-01-12\nembargo: {until: 2026-06-01, reason: trial}",
])
def test_an_embargo_ending_on_or_after_the_items_dates_is_allowed(line):
    assert problems(with_line(line)) == []
