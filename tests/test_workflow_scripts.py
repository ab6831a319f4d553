"""Publishing from the browser: the workflows' steps are real scripts under deploy/, run here
for real: the plain-words job summary, and main's workflow committing the register back."""
import os
import subprocess
import sys

import pytest
import yaml

from helpers import EXAMPLE_AS_OF, REPO, Project, example_project, review
from test_init_partnership import git

WORKFLOWS = REPO / ".github/workflows"


def steps(name: str, job: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / name).read_text())["jobs"][job]["steps"]


def test_the_pull_request_workflow_builds_audits_and_summarises_with_full_history():
    workflow = yaml.safe_load((WORKFLOWS / "check.yml").read_text())
    assert True in workflow and "pull_request" in workflow[True]  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in workflow["jobs"]["check"]["steps"]]
    assert workflow["jobs"]["check"]["steps"][0]["with"]["fetch-depth"] == 0
    assert any("make test" in r for r in runs) and any("make site" in r for r in runs)
    assert any(r.startswith("deploy/ci-summary.sh") for r in runs)
    assert not any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["check"]["steps"])


def test_main_commits_the_register_before_it_deploys():
    build = steps("publish.yml", "build")
    runs = [s.get("run", "") for s in build]
    uses = [s.get("uses", "") for s in build]
    commit = runs.index("deploy/commit-register.sh origin main")
    assert runs.index("deploy/refuse-undeployable.sh site") < commit < uses.index("actions/upload-pages-artifact@v3")
    site = next(s for s in build if "make site" in s.get("run", ""))
    assert site["env"]["CI"] == ""  # the workflow keeps the register: this build records it


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Project:
    project = example_project(tmp_path_factory.mktemp("summary") / "example")
    project.result = project.build(EXAMPLE_AS_OF)
    return project


def summary(project: Project, log: str, status: int) -> str:
    (project.root / "build.log").write_text(log)
    out = project.root / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(out), "PY": sys.executable, "SITE_AS_OF": EXAMPLE_AS_OF}
    done = subprocess.run(["bash", "deploy/ci-summary.sh", "build.log", str(status)], cwd=project.root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out.read_text()


def test_the_job_summary_says_what_goes_live_what_is_held_and_why(example: Project):
    assert example.result.returncode == 0, example.result.output
    text = summary(example, example.result.output, 0)
    assert "## The site builds and passes the leak audit" in text
    assert "as of 23 November 2026: 18 items public" in text and "Next scheduled change" in text
    assert "- `reviews/2025-child-p`: Embargoed until 15 February 2027" in text
    assert "- `reviews/2026-rapid-review-m`: Rapid review" in text
    assert "### Problems" in text and "as-of build for 2026-11-23" in text  # its warning is listed


def test_the_job_summary_lists_the_problems_of_a_stopped_build(example: Project):
    log = ("content/reviews/x.md: embargo: is written with no value\nNothing was published: the previous "
           "site/ is unchanged.\n")
    text = summary(example, log, 1)
    assert "## The build stopped: nothing would be published" in text
    assert "content/reviews/x.md: embargo: is written with no value" in text


def test_the_register_is_committed_and_pushed_only_when_the_build_changed_it(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    project = example_project(tmp_path / "work")
    root = project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Site")
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "origin", "main")
    script = ["bash", "deploy/commit-register.sh", "origin", "main"]
    unchanged = subprocess.run(script, cwd=root, capture_output=True, text=True)
    assert unchanged.returncode == 0 and "unchanged" in unchanged.stdout
    project.item("reviews/2026-child-n.md", **review("scr", title="Child N review", date="2026-12-01"))
    assert project.build(None).returncode == 0  # a production build of today records it
    pushed = subprocess.run(script, cwd=root, capture_output=True, text=True)
    assert pushed.returncode == 0, pushed.stderr
    assert "reviews/2026-child-n:" in git(remote, "show", "main:publication-register.yml")
    assert git(remote, "log", "-1", "--format=%s", "main").startswith("Publication register:")
