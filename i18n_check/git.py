"""The project's history, read with git: files as a commit holds them, and the commits touching them.

`check --since REF`, `report --history N` and `glossary impact REF:path` read catalogs and the
glossary of another commit. Everything goes through the `git` command (a subprocess, as a user
would type it), read-only: no checkout, no index, no lock (GIT_OPTIONAL_LOCKS=0). A revision or
path is user input: one that git does not know, a folder that is not a repository, a missing
`git`, are InputErrors (exit 2) naming it, with git's own words.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError

# Read-only: no index refresh taking a lock; pathspecs are file names, never globs (a catalog
# named `fr[1].po` is that file).
GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1", "LC_ALL": "C"}
LINK, GITLINK = "120000", "160000"  # ls-tree modes: a symbolic link, a submodule
FIELD, RECORD = "\x1f", "\x1e"       # separators of `git log --format` fields and records
# CI checks out one commit by default (actions/checkout's fetch-depth is 1): said wherever a shallow
# clone makes a revision unknown or a history short.
SHALLOW_HINT = ("this clone is shallow (git has only its last commits): `git fetch --unshallow --tags` "
                "fetches the rest; in GitHub Actions, give actions/checkout `fetch-depth: 0`")


@dataclass(frozen=True)
class Commit:
    """One commit of `git log`: full hash, committer time (seconds since 1970) and subject."""

    hash: str
    time: int
    subject: str

    @property
    def short(self) -> str:
        return self.hash[:10]


@dataclass(frozen=True)
class Repository:
    """A git work tree: its top folder, and `why` git is read (said in every error)."""

    root: Path
    why: str

    def run(self, *args: str, data: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return run_git(list(args), cwd or self.root, self.why, data)

    def relative(self, path: str | Path) -> str:
        """`path` (a file or folder of the work tree) as git names it: relative to the root, with `/`."""
        resolved = Path(path).resolve()
        try:
            inside = resolved.relative_to(self.root)
        except ValueError:
            raise InputError(path, None, f"{self.why}: outside the git repository {self.root.as_posix()}, "
                                         "so git has no history of it") from None
        return inside.as_posix() if inside.parts else "."

    def resolve(self, ref: str, option: str) -> str:
        """The full hash of the commit `ref` names (a branch, tag, hash, `HEAD~3`...); an unknown
        revision is an InputError naming `option`."""
        if not ref.strip():
            raise InputError(None, None, f"{option}: empty revision (an unset variable?); name a branch, tag or commit")
        done = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], self.root, self.why,
                       check=False)
        if done.returncode != 0:
            hint = SHALLOW_HINT if self.shallow() else "a branch, tag or commit; `git log` lists the commits"
            raise InputError(None, None, f"{option}: unknown git revision '{ref}' in {self.root.as_posix()} ({hint})")
        return done.stdout.decode("ascii").strip()

    def shallow(self) -> bool:
        """True in a shallow clone: older commits are missing, not absent from the project."""
        return self.run("rev-parse", "--is-shallow-repository").stdout.strip() == b"true"

    def files(self, commit: str, paths: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Every file at `commit` under the repository-relative `paths` (files or folders):
        path -> (mode, blob hash). Submodules are left out."""
        wanted = [p for p in paths]
        if not wanted:
            return {}
        out = self.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", *wanted).stdout
        found: dict[str, tuple[str, str]] = {}
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, blob = meta.decode("ascii").split()
            if kind == "blob" and mode != GITLINK:
                found[os.fsdecode(name)] = (mode, blob)
        return found

    def blobs(self, hashes: list[str]) -> list[bytes]:
        """The contents of the blobs `hashes`, in order, read by one `git cat-file --batch`."""
        if not hashes:
            return []
        out = self.run("cat-file", "--batch", data="".join(h + "\n" for h in hashes).encode("ascii")).stdout
        contents, position = [], 0
        for blob in hashes:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise InputError(None, None, f"{self.why}: git could not read object {blob}: {out[position:end].decode('utf-8', 'replace')}")
            size = int(header[2])
            contents.append(out[end + 1:end + 1 + size])
            position = end + 1 + size + 1  # the content is followed by a newline
        return contents

    def read(self, commit: str, path: str) -> bytes | None:
        """The bytes of the repository-relative file `path` at `commit`, None when it has none
        (a symbolic link is followed within the commit)."""
        return self.export_bytes(commit, [path]).get(path)

    def export_bytes(self, commit: str, paths: Iterable[str]) -> dict[str, bytes]:
        """Every file at `commit` under `paths` -> its bytes. A symbolic link gives the bytes of
        the file it points to in the same commit (a link leading out of the repository or to
        nothing is left out: the commit holds no such file)."""
        listed = self.files(commit, paths)
        links = {path: blob for path, (mode, blob) in listed.items() if mode == LINK}
        targets: dict[str, str] = {}
        if links:
            for path, target in zip(links, self.blobs(list(links.values()))):
                followed = follow_link(path, os.fsdecode(target))
                if followed is not None:
                    targets[path] = followed
            extra = self.files(commit, sorted(set(targets.values()) - listed.keys()))
            listed.update({p: v for p, v in extra.items() if v[0] != LINK})
        plain = {path: blob for path, (mode, blob) in listed.items() if mode != LINK}
        contents = dict(zip(plain, self.blobs(list(plain.values()))))
        for path, target in targets.items():
            if target in contents:
                contents[path] = contents[target]
        wanted = tuple(paths)
        return {p: data for p, data in sorted(contents.items()) if under(p, wanted)}

    def log(self, paths: Iterable[str], count: int) -> list[Commit]:
        """The last `count` commits (newest first) that changed a file under `paths`."""
        out = self.run("log", f"-n{count}", f"--format=%H{FIELD}%ct{FIELD}%s{RECORD}", "--", *paths).stdout
        commits = []
        for record in out.decode("utf-8", "replace").split(RECORD):
            record = record.strip("\n")
            if record:
                full, time, subject = record.split(FIELD, 2)
                commits.append(Commit(full, int(time), subject))
        return commits


def follow_link(path: str, target: str) -> str | None:
    """The repository-relative path a link at `path` pointing to `target` leads to, or None
    when it leads out of the repository (an absolute target, too many `..`)."""
    if target.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    return None if joined == ".." or joined.startswith("../") else joined


def under(path: str, roots: tuple[str, ...]) -> bool:
    """True when the repository-relative `path` is one of `roots` or inside one of them."""
    return any(root == "." or path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def run_git(args: list[str], cwd: Path, why: str, data: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """`git ARGS` in `cwd`; a missing git, or (with `check`) a failing command, is an InputError
    saying `why` git was run, with git's first line of complaint."""
    git = shutil.which("git")
    if git is None:
        raise InputError(None, None, f"{why}: git is not installed (the project's history is read with git)")
    try:
        done = subprocess.run([git, *args], cwd=cwd, input=data, capture_output=True, env={**os.environ, **GIT_ENV})
    except OSError as exc:
        raise InputError(cwd, None, f"{why}: cannot run git: {exc.strerror or exc}") from None
    if check and done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0].removeprefix("fatal: ").removeprefix("error: ") if said else f"git {args[0]} failed"
        raise InputError(None, None, f"{why}: git {args[0]}: {reason}")
    return done


def open_repository(where: str | Path, why: str) -> Repository:
    """The git repository holding the folder or file `where`; InputError when there is none."""
    place = Path(where)
    folder = place if place.is_dir() else place.parent
    if not folder.is_dir():
        raise InputError(where, None, f"{why}: no such folder")
    done = run_git(["rev-parse", "--show-toplevel"], folder, why, check=False)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = said[0].removeprefix("fatal: ") if said else "git rev-parse failed"
        shown = folder.resolve().as_posix()
        if "not a git repository" in detail:
            raise InputError(None, None, f"{why}: {shown} is not in a git repository (it reads the project's history with git)")
        raise InputError(None, None, f"{why}: {shown}: git: {detail}")
    top = os.fsdecode(done.stdout).strip()
    if not top:  # inside the .git folder itself
        raise InputError(None, None, f"{why}: {folder.resolve().as_posix()} is not in a git work tree")
    return Repository(Path(top).resolve(), why)


