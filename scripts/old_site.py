"""The last build's output, out of the build's way at once.

Before it builds, MkDocs deletes what site/ holds, one file and folder at a time, while the build
waits (`--clean`, the default): with the embed cards that is about 2,900 folders, over a second
on a small machine. The hook first moves those entries into one hidden folder beside site/ (one
rename each, on the same disk) and a separate low-priority process deletes that folder while the
build goes on. MkDocs then finds nothing to delete. The build waits for the deletion at its end,
so nothing is left behind; a folder left by a build that was killed goes with the next one.

What moves is what MkDocs' own clean deletes: every entry whose name does not start with a dot
(it keeps hidden ones, such as a `.git` folder). An entry that cannot be renamed (site/ on a disk
of its own, a folder without write access) stays where it is and MkDocs deletes it as before."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PREFIX = ".exofaq-old-site-"  # hidden beside site/: MkDocs, LinkChecker and gh-deploy never read it
NICENESS = "10"


class Deletion:
    """Folders being deleted by a separate process; `finish` waits for it and deletes whatever
    is left itself (no `rm` or `nice` on this system, or the process failed)."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self.process: subprocess.Popen | None = None
        command = _delete_command(folders)
        if command:
            try:
                self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
            except OSError:
                self.process = None

    def finish(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)


def _delete_command(folders: list[Path]) -> list[str] | None:
    rm, nice = shutil.which("rm"), shutil.which("nice")
    if os.name != "posix" or not rm:
        return None
    command = [rm, "-rf", "--", *map(str, folders)]
    return [nice, "-n", NICENESS, *command] if nice else command


def move_aside(site_dir: Path) -> list[Path]:
    """The folders to delete: the one that now holds site/'s entries (if any moved), and any
    left beside site/ by an earlier build that did not finish."""
    parent = site_dir.parent
    left = sorted(parent.glob(PREFIX + "*")) if parent.is_dir() else []
    try:
        entries = [entry for entry in os.scandir(site_dir) if not entry.name.startswith(".")]
    except OSError:  # no site/ yet
        return left
    if not entries:
        return left
    try:
        aside = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    except OSError:
        return left  # the parent folder is not writable: MkDocs deletes the entries itself
    for entry in entries:
        try:
            os.rename(entry.path, aside / entry.name)
        except OSError:
            break  # another disk or no access: MkDocs deletes what is still there
    return [*left, aside]


def delete_in_background(site_dir: Path) -> Deletion | None:
    """Clear site/ for MkDocs now; the old entries are deleted beside the build."""
    folders = move_aside(site_dir)
    return Deletion(folders) if folders else None
