"""Deployment for council IT: deploy/council-server.sh run for real (git pull, make site, rsync
into a web root, the previous build kept, rollback), and the web-server settings it ships."""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import REPO, Project, review
from skeleton import copy_example
from test_init_partnership import git

DEPLOY = REPO / "deploy"
VENV = Path(sys.prefix)


def publish(server: Path, web: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(server), "LSCP_MAKE_ARGS": f"-o {VENV}/.built VENV={VENV}"}
    return subprocess.run(["bash", "deploy/council-server.sh", *args, str(web)], cwd=server, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_council_server_recipe_publishes_keeps_the_previous_build_and_rolls_back(tmp_path):
    if shutil.which("rsync") is None:
        pytest.fail("rsync is missing: `make test` installs Debian's rsync package")
    office = copy_example(tmp_path / "office")  # the officers' repository
    git(office, "init", "-q", "-b", "main")
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "Site")
    server, web = tmp_path / "server", tmp_path / "www"
    git(tmp_path, "clone", "-q", str(office), str(server))
    web.mkdir()
    (web / ".htaccess").write_text("AddType text/calendar .ics\n")  # the web server's own file stays
    first = publish(server, web)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (web / "index.html").exists() and (web / "404.html").exists() and (web / "feeds/events.ics").exists()
    assert not (web / "AS-OF-BUILD-DO-NOT-DEPLOY.txt").exists() and (web / ".htaccess").exists()
    assert git(server, "status", "--porcelain") == ""  # the register is verified, never rewritten

    officer = Project.__new__(Project)
    officer.root = office
    officer.item("reviews/2026-child-n.md", **review("scr", title="Child N review", date="2026-12-01"))
    assert officer.build(None).returncode == 0  # the officer's make site records it in the register
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "Child N review")
    second = publish(server, web)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (web / "reviews/2026-child-n/index.html").exists()
    assert not (web.parent / "www.previous/reviews/2026-child-n").exists()  # the build before it

    back = publish(server, web, "rollback")
    assert back.returncode == 0, back.stderr
    assert not (web / "reviews/2026-child-n").exists() and (web / "index.html").exists()
    assert (web.parent / "www.previous/reviews/2026-child-n/index.html").exists() and (web / ".htaccess").exists()


def test_a_failed_build_leaves_the_live_site_as_it_was(tmp_path):
    server = copy_example(tmp_path / "server")
    git(server, "init", "-q", "-b", "main")
    (server / "content/reviews/bad.md").write_text("---\ntitle: Bad\nstatus: live\n---\n")
    git(server, "add", "-A")
    git(server, "commit", "-q", "-m", "Bad")
    web = tmp_path / "www"
    web.mkdir()
    (web / "index.html").write_text("live")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(server), "LSCP_MAKE_ARGS": f"-o {VENV}/.built VENV={VENV}"}
    result = subprocess.run(["bash", "-c", "git() { [ \"$1\" = pull ] || command git \"$@\"; }; export -f git; "
                             f"deploy/council-server.sh {web}"], cwd=server, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "content/reviews/bad.md: status:" in result.stdout + result.stderr
    assert (web / "index.html").read_text() == "live" and not (tmp_path / "www.previous").exists()


def test_the_web_server_settings_serve_feeds_calendars_and_the_404_page():
    config = ET.parse(DEPLOY / "web.config").getroot()
    mimes = {m.get("fileExtension"): m.get("mimeType") for m in config.iter("mimeMap")}
    assert mimes[".atom"].startswith("application/atom+xml") and mimes[".ics"].startswith("text/calendar")
    assert mimes[".xml"].startswith("application/rss+xml")
    assert next(config.iter("error")).get("path") == "/404.html"
    assert any(c.get("cacheControlMode") for c in config.iter("clientCache"))
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert "application/atom+xml      atom;" in nginx and "text/calendar             ics;" in nginx
    assert "error_page 404 /404.html;" in nginx and "Cache-Control" in nginx and "return 301 https://" in nginx
    apache = (DEPLOY / "apache.htaccess").read_text()
    assert "AddType application/atom+xml .atom" in apache and "AddType text/calendar .ics" in apache
    assert "ErrorDocument 404 /404.html" in apache and "Cache-Control" in apache


def test_the_timer_runs_the_recipe_in_london_time_and_says_who_is_told():
    timer = (DEPLOY / "lscp-site.timer").read_text()
    assert "OnCalendar=*-*-* *:05:00 Europe/London" in timer
    service = (DEPLOY / "lscp-site.service").read_text()
    assert "ExecStart=/srv/safeguarding/deploy/council-server.sh" in service and "OnFailure=" in service
    assert "deploy/council-server.sh" in (DEPLOY / "lscp-site.cron").read_text()
