"""`check --since REF`: what is new since a git revision, and what got fixed.

The catalogs checked now, and the glossary, are read as REF holds them (revisions.py) and checked
with the same rules: those findings are the baseline. A finding is known by the baseline's
fingerprint (rule, catalog, msgctxt, msgid, concept; never its line), counted: an entry that had
one placeholder finding at REF and has two now has one new. What REF found and the working files
no longer have is fixed. A catalog that REF does not hold has every finding new; a glossary that
REF does not hold makes every glossary finding new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from .baseline import take_known
from .check import check, display_path
from .errors import InputError
from .findings import Finding
from .git import open_repository
from .revisions import copies_from, glossary_from, renamed

WHY = "--since"


@dataclass(frozen=True)
class Since:
    """The comparison with a revision: `ref` as the user wrote it, the `commit` it names, the
    glossary read there (`REF:path`; None when the run has no glossary or REF lacks it), and
    the findings: `new` (found now, not at REF), `unchanged` (found at both), `fixed` (found at
    REF only, with REF's line and wording)."""

    ref: str
    commit: str
    glossary: str | None
    glossary_missing: bool          # the run has a glossary that REF does not hold
    catalogs_missing: tuple[str, ...]  # catalogs checked now that REF does not hold
    new: int
    unchanged: int
    fixed: tuple[Finding, ...]


def compare(current: Iterable[Finding], before: Iterable[Finding]) -> tuple[list[Finding], int, list[Finding]]:
    """(new, unchanged, fixed): `current` findings not in `before` (by fingerprint, counted),
    how many are in both, and `before` findings `current` no longer has."""
    before = list(before)
    remaining = Counter(f.fingerprint for f in before)
    new, unchanged = take_known(current, remaining)
    fixed = []
    for finding in reversed(before):  # of several alike, the last ones are those gone
        key = finding.fingerprint
        if remaining[key] > 0:
            remaining[key] -= 1
            fixed.append(finding)
    fixed.reverse()
    return new, unchanged, fixed


def findings_at(ref: str, catalogs: list[str], glossary_path: str | None, **check_options) -> tuple[str, Since, list[Finding]]:
    """Check the `catalogs` (as reported: paths from the working folder) and the glossary as
    `ref` holds them, with `check_options` (the current run's rule selection and fail-on).

    Returns (commit, a Since without counts, REF's findings named as the current catalogs).
    """
    if not catalogs:
        raise ValueError("no catalog to compare")
    repo = open_repository(Path(catalogs[0]).parent, WHY)
    commit = repo.resolve(ref, WHY)
    relative = {name: repo.relative(name) for name in catalogs}
    glossary = glossary_label = None
    glossary_missing = False
    if glossary_path is not None:
        glossary_relative = repo.relative(glossary_path)
        glossary = glossary_from(repo, commit, ref, glossary_relative)
        glossary_label = f"{ref}:{glossary_relative}" if glossary is not None else None
        glossary_missing = glossary is None
    with copies_from(repo, commit, sorted(set(relative.values()))) as copies:
        copy_of = dict(copies)
        present = [name for name in catalogs if relative[name] in copy_of]
        findings: list[Finding] = []
        if present:
            shown = {display_path(copy_of[relative[name]]): name for name in present}
            origin = {str(copy): path for path, copy in copies}
            try:
                report = check([copy_of[relative[name]] for name in present], glossary=glossary, glossary_path=glossary_label,
                               cache_dir=None, **check_options)
            except InputError as exc:
                if exc.path in origin:  # a catalog REF holds is malformed: named as REF:path
                    raise renamed(exc, f"{ref}:{origin[exc.path]}") from None
                raise
            findings = [replace(f, catalog=shown.get(f.catalog, f.catalog)) for f in report.findings]
    since = Since(ref, commit, glossary_label, glossary_missing, tuple(n for n in catalogs if n not in present), 0, 0, ())
    return commit, since, findings


def since(ref: str, current: list[Finding], catalogs: list[str], glossary_path: str | None, **check_options) -> tuple[list[Finding], Since]:
    """The findings of `current` that are new since `ref`, and the comparison (see the module)."""
    _, base, before = findings_at(ref, catalogs, glossary_path, **check_options)
    new, unchanged, fixed = compare(current, before)
    return new, replace(base, new=len(new), unchanged=unchanged, fixed=tuple(fixed))
