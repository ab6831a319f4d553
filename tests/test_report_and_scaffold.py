"""The comms team's tools: the report's states and timings, its formats, and the scaffold."""
import csv
import io
import json
import subprocess
import sys

import pytest

from helpers import REPO, Project, example_project, learning, review

SCRIPTS = REPO / "scripts"


def run(script: str, *args: str, cwd=None, env=None):
    return subprocess.run([sys.executable, str(SCRIPTS / script), *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


@pytest.fixture
def content(project: Project) -> Project:
    project.item("reviews/2026-a.md", **review("lcspr", title="A", date="2026-01-12"))
    project.item("reviews/2026-b.md", **review("scr", title="B", date="2026-07-01"))
    project.item("reviews/2026-c.md", **review("scr", title="C", embargo={"until": "2026-06-20", "reason": "trial"}))
    project.item("reviews/2026-d.md", **review("scr", title="D", embargo={"reason": "inquest"}))
    project.item("reviews/2026-e.md", **dict(title="E", status="draft", type="scr"))
    project.item("reviews/2026-f.md", **review("rapid-review", title="F", timeline={
        "incident_notified": "2026-04-14", "rapid_review_sent": "2026-05-07"}))
    project.item("reviews/2024-g.md", **review("scr", title="G", date="2024-01-08", status="withdrawn",
                                                withdrawn={"date": "2026-06-10", "reason": "asked"}))
    project.item("reviews/2024-h.md", **review("scr", title="H", date="2024-01-08", remove_after="2026-05-01"))
    project.item("learning/guide.md", **learning(title="Guide"))
    return project


def report_json(project: Project, as_of: str) -> dict:
    result = run("report.py", "--format", "json", "--as-of", as_of, "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_states_in_words(content):
    data = report_json(content, "2026-06-01")
    states = {row["id"]: row["state"] for row in data["items"]}
    assert states == {
        "reviews/2026-a": "public", "reviews/2026-b": "scheduled for 2026-07-01",
        "reviews/2026-c": "embargoed until 2026-06-20", "reviews/2026-d": "held, no end date",
        "reviews/2026-e": "draft", "reviews/2026-f": "never public - rapid review",
        "reviews/2024-g": "public", "reviews/2024-h": "removed on 2026-05-01", "learning/guide": "public"}
    later = {row["id"]: row["state"] for row in report_json(content, "2026-06-20")["items"]}
    assert later["reviews/2024-g"] == "withdrawn on 2026-06-10" and later["reviews/2026-c"] == "public"


def test_dates_timings_and_what_is_coming(content):
    data = report_json(content, "2026-06-01")
    rows = {row["id"]: row for row in data["items"]}
    a = rows["reviews/2026-a"]
    assert a["first_public"] == "2026-01-12" and a["retention_end"] == "2027-01-12"
    assert a["notice_working_days"] == 27 and a["notice_short"] is False
    assert a["rapid_review_working_days"] == 14 and a["rapid_review_late"] is False
    f = rows["reviews/2026-f"]
    assert f["rapid_review_working_days"] == 16 and f["rapid_review_late"] is True
    assert data["upcoming"] == [
        {"date": "2026-06-10", "id": "reviews/2024-g", "event": "withdrawn"},
        {"date": "2026-06-20", "id": "reviews/2026-c", "event": "embargo lifts"},
        {"date": "2026-07-01", "id": "reviews/2026-b", "event": "goes public"}]


def test_table_and_csv(content):
    table = run("report.py", "--as-of", "2026-06-01", "--project", str(content.root))
    assert table.returncode == 0
    assert "16 wd LATE (over 15)" in table.stdout and "embargoed until 2026-06-20" in table.stdout
    assert "Coming up in the next 30 days" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("report.py", "--format", "csv", "--as-of", "2026-06-01",
                                               "--project", str(content.root)).stdout)))
    assert {r["id"]: r["state"] for r in rows}["reviews/2026-d"] == "held, no end date"
    assert {r["id"]: r["rapid_review_late"] for r in rows}["reviews/2026-f"] == "true"


def test_report_lists_problems_and_fails(content):
    content.write("reviews/bad.md", "---\ntitle: Bad\nstatus: live\ntype: scr\n---\n")
    result = run("report.py", "--as-of", "2026-06-01", "--project", str(content.root))
    assert result.returncode == 1 and "content/reviews/bad.md: status:" in result.stdout


def test_report_uses_make_and_site_as_of(tmp_path):
    example, venv = example_project(tmp_path / "example").root, sys.prefix  # the kit's Makefile, this .venv
    result = subprocess.run(["make", "-s", "-o", f"{venv}/.built", "report", f"VENV={venv}"], cwd=example,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "SITE_AS_OF": "2026-11-23"})
    assert result.returncode == 0, result.stderr
    assert "Publication report as of 2026-11-23" in result.stdout


@pytest.mark.parametrize("kind, slug, path", [
    ("review", "2026-child-m", "reviews/2026-child-m/index.md"),
    ("scr", "2015-family-g", "reviews/2015-family-g/index.md"),
    ("one-minute-guide", "safer-sleep", "learning/one-minute-guides/safer-sleep/index.md"),
    ("podcast", "episode-2", "learning/podcasts/episode-2/index.md"),
    ("event", "2027-conference", "learning/events/2027-conference/index.md"),
])
def test_scaffold_builds_as_a_draft(project: Project, kind, slug, path):
    result = run("new_item.py", kind, slug, "--content", str(project.root / "content"))
    assert result.returncode == 0, result.stderr
    text = (project.root / "content" / path).read_text()
    assert "status: draft" in text and "#   report_sent" in text or kind not in ("review", "scr")
    build = project.build("2026-06-01")
    assert build.returncode == 0, build.output
    assert not (project.site / path.rsplit("/", 1)[0]).exists()  # a draft is not published
    preview = project.build("2026-06-01", SITE_PREVIEW="1")
    assert preview.returncode == 0 and (project.preview_site / path.replace("index.md", "index.html")).exists()


def test_scaffold_refuses_to_overwrite(project: Project):
    project.item("reviews/2026-child-m.md", **review("scr"))
    before = (project.root / "content/reviews/2026-child-m.md").read_text()
    result = run("new_item.py", "review", "2026-child-m", "--content", str(project.root / "content"))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (project.root / "content/reviews/2026-child-m.md").read_text() == before
    assert not (project.root / "content/reviews/2026-child-m").exists()


@pytest.mark.parametrize("args", [("essay", "x"), ("review", "Child M"), ("review",)])
def test_scaffold_refuses_bad_arguments(project: Project, args):
    assert run("new_item.py", *args, "--content", str(project.root / "content")).returncode == 2


def test_a_scheduled_lcspr_without_its_report_sent_is_flagged_before_its_day(project: Project):
    meta = review("lcspr", title="Child M review", date="2026-06-15")
    del meta["timeline"]
    project.item("reviews/2026-child-m.md", **meta)
    data = report_json(project, "2026-06-01")
    (row,) = data["items"]
    assert row["report_send_by"] == "2026-06-04"  # 7 working days before Monday 15 June
    assert {"date": "2026-06-04", "id": "reviews/2026-child-m", "event": "last day to send the report"} in data["upcoming"]
    table = run("report.py", "--as-of", "2026-06-01", "--project", str(project.root)).stdout
    assert "MISSING: send by 2026-06-04" in table
    build = project.build("2026-06-01")
    assert build.returncode == 0 and "timeline.report_sent: not set yet" in build.output
    refused = project.build("2026-06-15")
    assert refused.returncode != 0 and "content/reviews/2026-child-m.md: timeline.report_sent: missing" in refused.output


def test_a_held_lcspr_shows_what_is_still_missing(project: Project):
    """A review held with no end date has no publication day yet: the plan still says that its
    endorsement and its report to the Panel are missing, so nobody is surprised when it lifts."""
    meta = review("lcspr", title="Held review", embargo={"reason": "inquest not yet listed"})
    del meta["timeline"], meta["endorsed"]
    project.item("reviews/2026-held.md", **meta)
    result = run("report.py", "--project", str(project.root), "--as-of", "2026-06-01")
    line = next(l for l in result.stdout.splitlines() if l.startswith("2026-held") and "MISSING" in l)
    assert line.split()[1:3] == ["MISSING", "MISSING"], line
