"""Every build says what happened, in plain words (SPEC: the build summary)."""
from helpers import Project, learning, review


def test_the_summary_says_what_is_public_what_changed_and_what_is_next(project: Project):
    project.seed_register({"reviews/2024-old": "2024-01-08", "reviews/2024-going": "2024-02-05"},
                          last_build="2026-05-25")
    project.item("reviews/2024-old.md", **review("scr", title="Old review", date="2024-01-08"))
    project.item("reviews/2024-going.md", **review("scr", title="Going review", date="2024-02-05", status="withdrawn",
                                                   withdrawn={"date": "2026-05-30", "reason": "family asked"}))
    project.item("reviews/2026-new.md", **review("scr", title="New review", date="2026-05-28"))
    project.item("learning/guides/new-guide.md", **learning(title="New guide", date="2026-05-26"))
    project.item("reviews/2026-next.md", **review("scr", title="Next review", date="2026-06-10"))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    lines = result.output.splitlines()
    assert "As-of build (do not deploy) as of 1 June 2026: 3 items public (2 reviews, 1 learning)." in lines
    assert ("Became public since the last production build (2026-05-25): "
            "learning/guides/new-guide, reviews/2026-new.") in lines
    assert "Left the site since the last production build (2026-05-25): reviews/2024-going." in lines
    assert "Next scheduled change: 2026-06-10 (10 June 2026): reviews/2026-next goes public." in lines


def test_a_preview_summary_says_never_deploy_it(project: Project):
    project.item("reviews/2026-draft.md", title="Draft review", status="draft", type="scr")
    result = project.build("2026-06-01", SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    assert "Preview built as of 1 June 2026: it shows 1 item, 0 of them public. Never deploy it." in result.output


def test_a_first_build_does_not_claim_a_production_build_that_never_ran(project: Project):
    project.item("learning/guides/first-guide.md", **learning(title="First guide", date="2026-06-01"))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    assert ("Became public since yesterday (2026-05-31: no production build is recorded before this one): "
            "learning/guides/first-guide.") in result.output.splitlines()
    assert "last production build" not in result.output
