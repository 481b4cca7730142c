"""Supply chain: every Python package is pinned with hashes and installed with --require-hashes
(requirements.txt is pip-compile's lock of requirements.in); npm installs from its lock file."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirements(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a requirements file (continuation lines joined)."""
    text = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    found = {}
    for line in text.split("\n"):
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)(.*)$", line)
        assert match, f"{path.name}: not an exact pin: {line[:80]}"
        found[match.group(1).lower().replace("_", "-")] = (match.group(2), re.findall(r"--hash=(sha256:[0-9a-f]{64})", match.group(3)))
    return found


def test_every_locked_package_has_a_version_and_hashes():
    locked = requirements(ROOT / "requirements.txt")
    assert len(locked) > 40
    assert [name for name, (_, hashes) in locked.items() if not hashes] == []


def test_the_lock_holds_every_direct_pin_at_its_version():
    direct = requirements(ROOT / "requirements.in")
    locked = requirements(ROOT / "requirements.txt")
    assert {name: version for name, (version, _) in direct.items()} == \
        {name: locked[name][0] for name in direct if name in locked}
    assert set(direct) <= set(locked)
    assert "properdocs" in direct and "pip" in direct


def test_setup_requires_hashes_and_npm_uses_its_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.split("\n") if "pip install" in line and "$(BIN)" in line]
    assert installs and all("--require-hashes -r requirements.txt" in line for line in installs)
    assert "npm ci" in makefile and "npm install" not in makefile
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages and all(v.get("integrity", "").startswith("sha512-") for v in packages.values())
