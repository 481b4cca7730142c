"""The scheduled source check: weekly and on demand, read-only except the one job that writes
the issue (and runs no project code), separate from the Pages deploy; the expected trial status
in sources.yml is validated."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "sources.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_weekly_and_on_demand_never_on_push():
    triggers = load()[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert len(triggers["schedule"]) == 1 and triggers["schedule"][0]["cron"].split()[4] != "*"


def test_least_privilege():
    workflow = load()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert jobs["issue"]["permissions"] == {"issues": "write"}
    issue_steps = jobs["issue"]["steps"]
    assert not any("checkout" in step.get("uses", "") for step in issue_steps)  # no project code with the token
    assert "make" not in "".join(step.get("run", "") for step in issue_steps)


def test_pages_deploy_does_not_wait_for_it():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert "source_check" not in str(pages) and "sources-online" not in str(pages)


def test_expected_trial_status_is_validated(project):
    project.replace("data/sources.yml", "  nct: NCT01234567\n", "  nct: NCT01234567\n  status: RECRUITING\n")
    assert project.check() == []
    project.replace("data/sources.yml", "  status: RECRUITING\n", "  status: RECRUTING\n")
    assert [(p.path, p.line, p.rule) for p in project.check()] == [("data/sources.yml", 16, "schema")]
