"""Operations: the daily publishing workflow, and byte-identical builds."""
import shutil
import subprocess

import pytest
import yaml

from helpers import EXAMPLE_AS_OF, REPO, example_project

WORKFLOW = REPO / ".github/workflows/publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_triggers_push_and_both_daily_schedules(workflow):
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    crons = sorted(s["cron"] for s in on["schedule"])
    assert crons == ["5 0 * * *", "5 23 * * *"]  # 00:05 London in GMT and in BST


def test_tests_run_before_the_ci_build_and_deploy_needs_them(workflow):
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    test_at = next(i for i, r in enumerate(runs) if "make test" in r)
    site_at = next(i for i, r in enumerate(runs) if "make site" in r)
    assert test_at < site_at
    assert build["steps"][0]["with"]["fetch-depth"] == 0  # every earlier register is checked
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    uses = [step.get("uses", "") for step in build["steps"]]
    assert uses.index("actions/upload-pages-artifact@v3") > site_at


def test_one_run_at_a_time_and_least_permissions(workflow):
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "write", "pages": "write", "id-token": "write"}  # the register


@pytest.mark.parametrize("env, message", [({"SITE_PREVIEW": "1"}, "preview build"),
                                          ({"SITE_AS_OF": EXAMPLE_AS_OF}, "as of another day")])
def test_the_refusal_step_refuses_a_preview_or_as_of_build_and_passes_production(tmp_path, workflow, env, message):
    step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("name") == "Refuse a preview or as-of build")
    assert workflow["jobs"]["build"]["env"]["SITE_AS_OF"] == ""
    project = example_project(tmp_path / "example")
    as_of = env.pop("SITE_AS_OF", None)
    assert project.build(as_of, **env).returncode == 0
    if "SITE_PREVIEW" in env:  # a preview goes to preview-site/: pretend it was copied into site/
        shutil.copytree(project.preview_site, project.root / "site", symlinks=True)
    refused = subprocess.run(["bash", "-c", step["run"]], cwd=project.root, capture_output=True, text=True)
    assert refused.returncode == 1 and message in refused.stderr and "refusing to deploy" in refused.stderr
    shutil.rmtree(project.root / "site")  # site/ is an ordinary folder
    assert project.build(None).returncode == 0  # as of now: the workflow's own build
    assert subprocess.run(["bash", "-c", step["run"]], cwd=project.root).returncode == 0


def test_example_site_is_byte_identical_for_the_same_as_of(tmp_path):
    project = example_project(tmp_path / "example")
    assert project.build(EXAMPLE_AS_OF).returncode == 0
    first = {path: (project.site / path).read_bytes() for path in project.outputs()}
    assert project.build(EXAMPLE_AS_OF).returncode == 0
    second = {path: (project.site / path).read_bytes() for path in project.outputs()}
    assert first.keys() == second.keys() and first == second
    assert b"<lastmod>2026-11-23</lastmod>" in first["sitemap.xml"]


def test_the_workflow_keeps_the_kits_caches_and_nothing_published(workflow):
    """The daily build is warm: what the kit read out of files is cached between runs, before the
    build; never the site, the staged tree or the copies of published files."""
    steps = workflow["jobs"]["build"]["steps"]
    at = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    site_at = next(i for i, s in enumerate(steps) if "make site" in s.get("run", ""))
    assert at < site_at
    paths = steps[at]["with"]["path"].split()
    assert ".staging/audit-cache" in paths and ".staging/attachment-checks" in paths
    assert not any(p.startswith(("site", ".staging/copies", ".staging/public", ".site-builds")) for p in paths)
