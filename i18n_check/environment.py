"""Numbers from environment variables, read as input: a malformed value is an InputError naming
the variable (exit 2), never a traceback, and never silently replaced by the default."""

from __future__ import annotations

import math
import os
import re

from .errors import InputError

INTEGER = re.compile(r"^[0-9]+$")


def seconds(name: str, default: float) -> float:
    """A non-negative number of seconds from `name` (`inf`: never); `default` when unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if math.isnan(value) or value < 0:
        raise InputError(f"environment variable {name}", None, f"{raw[:40]!r} is not a number of seconds (e.g. 0.5)")
    return value


def epoch(name: str, latest: int) -> int | None:
    """A time as seconds since 1970 from `name` (SOURCE_DATE_EPOCH: a decimal integer, as
    reproducible-builds.org specifies it, at most `latest`); None when unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not INTEGER.match(raw) or len(raw) > 12 or int(raw) > latest:
        raise InputError(f"environment variable {name}", None,
                         f"{raw[:40]!r} is not a time in seconds since 1970 (a whole number up to {latest})")
    return int(raw)
