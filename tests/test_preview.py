"""`make serve` with a content error: the preview starts, every page shows the error (file:line)
and so does the terminal; the strict build still refuses (tests/test_build.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


# What `mkdocs serve` does on each save: a new config (MkDocs keeps the plugin objects from one
# rebuild to the next) and a build (--dirty: of the changed pages). In its own process, as `make serve`.
SAVES = r'''
import json, sys, tempfile
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, page, dirty = Path(tempfile.mkdtemp()), Path(sys.argv[1]), sys.argv[2] == "dirty"
original = page.read_text(encoding="utf-8")
counts, marks = [], []
for save in range(5):
    if save:
        page.write_text(original.replace("\n## ", f"\n## savemark{save} ", 1), encoding="utf-8")
    config = load_config(config_file="mkdocs.yml", site_dir=str(site))
    if not save:
        config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, dirty=dirty)
    docs = [entry for index in sorted(site.rglob("search_index.json"))   # one per language after a full build
            for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]]
    counts.append(len(docs))
    marks.append(sorted({w for e in docs for w in (e["title"] + " " + e["text"]).split() if w.startswith("savemark")}))
print(json.dumps({"counts": counts, "marks": marks}))
'''


@pytest.mark.parametrize("mode", ["dirty", "full"])
def test_each_save_in_serve_keeps_the_search_index_the_same_size(project, mode):
    """`make serve LANG_CODE=es` (--dirty) and `make serve`: the search index after a save is the
    last one with the saved page indexed afresh. (It grew on every save: MkDocs keeps plugin
    objects between rebuilds, and mkdocs-static-i18n and Material's search plugin each added the
    earlier index again.)"""
    env = {**os.environ, "EXOFAQ_STRICT": "false", "EXOFAQ_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    if mode == "dirty":
        env["EXOFAQ_PREVIEW_LANG"] = "es"
    project.replace("mkdocs.yml", "plugins:\n", "plugins:\n  - search\n")   # as the site has it
    done = subprocess.run([sys.executable, "-c", SAVES, str(project.path("docs/es/cosmetic/hair.md")), mode],
                          cwd=project.root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    first = result["counts"][0]
    assert first > 0 and result["counts"] == [first] * 5, result["counts"]
    assert result["marks"] == [[], ["savemark1"], ["savemark2"], ["savemark3"], ["savemark4"]]
