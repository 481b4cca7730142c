"""`make serve` with a content error: the preview starts, every page shows the error (file:line)
and so does the terminal; the strict build still refuses (tests/test_build.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HAIR = "docs/en/cosmetic/hair.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float) -> str:
    end = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.time() > end:
                raise
            time.sleep(1)


def test_serve_starts_with_an_error_and_shows_it(project):
    project.replace(HAIR, "    strength: preclinical", "    strength: clinical-trials")
    port = free_port()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    env = {**os.environ, "EXOFAQ_STRICT": "false", "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([mkdocs, "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"], cwd=project.root,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/fixture/cosmetic/hair/", timeout=120)
        spanish = fetch(f"http://127.0.0.1:{port}/fixture/es/cosmetic/hair/", timeout=30)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    error = "docs/en/cosmetic/hair.md:13: evidence-unsupported:"
    assert 'class="admonition danger preview-errors"' in page
    assert error in page and error in spanish
    assert "2 of them in this page" in page   # and the unlogged grade change (data/changelog.yml)
    assert "grade-changed-unlogged" in page
    assert error in output and "the preview shows them on every page" in output
