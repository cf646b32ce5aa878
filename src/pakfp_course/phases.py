"""Phase ids and the lookup of a date, year or period's phase.

The phase ids are API: lessons, handouts and widgets take them as parameters.
Their years come from the ``phases`` dataset.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from .errors import UnknownChoiceError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALL",
    "PHASE_IDS",
    "check_phase",
    "phase_for_date",
    "phase_for_period",
    "phase_for_year",
    "phase_table",
    "phase_years",
]

#: The phase ids, in order. ``cold-war`` is background; the rest are Khan (2024)'s phases.
PHASE_IDS: tuple[str, ...] = ("cold-war", "2001-2008", "2009-2016", "2017-present")
#: The lesson-parameter value that selects every phase.
ALL = "all"


@cache
def phase_table() -> pd.DataFrame:
    """Return the ``phases`` dataset indexed by ``phase_id``, in order."""
    from . import data  # pandas comes with it: importing the phase ids stays light

    return data.load("phases").sort_values("position").set_index("phase_id")


def phase_years(phase: str) -> str:
    """Return a phase's span as shown to readers, e.g. ``2009–2016`` or ``2017–present``."""
    import pandas as pd

    row = phase_table().loc[check_phase(phase, allow_all=False)]
    end = "present" if pd.isna(row["end_year"]) else int(row["end_year"])
    return f"{int(row['start_year'])}–{end}"


def check_phase(phase: str, *, allow_all: bool = True) -> str:
    """Return ``phase`` if it is a phase id (or ``"all"``), else raise naming the choices."""
    choices = (*PHASE_IDS, ALL) if allow_all else PHASE_IDS
    if phase not in choices:
        raise UnknownChoiceError("phase", phase, choices)
    return phase


@cache
def _spans() -> tuple[tuple[str, int, float], ...]:
    """Return each phase's id, first year and last year (``inf`` while it lasts), in order."""
    import pandas as pd

    return tuple((str(phase_id), int(row["start_year"]),
                  float("inf") if pd.isna(row["end_year"]) else float(row["end_year"]))
                 for phase_id, row in phase_table().iterrows())


def phase_for_year(year: int) -> str | None:
    """Return the id of the phase containing calendar ``year``, or ``None`` before 1947."""
    for phase_id, start, end in _spans():
        if start <= year <= end:
            return phase_id
    return None


def phase_for_date(date: dt.date | pd.Timestamp | str) -> str | None:
    """Return the id of the phase containing ``date``."""
    import pandas as pd

    return phase_for_year(pd.Timestamp(date).year)


def phase_for_period(
    start: dt.date | pd.Timestamp | str, end: dt.date | pd.Timestamp | str
) -> str | None:
    """Return the phase of a period (e.g. a fiscal year): the phase of the year it ends.

    This follows how fiscal years are named: US FY2009 (October 2008 to
    September 2009) and Pakistan's 2008-09 (July 2008 to June 2009) both belong
    to 2009. A period that spans several phases (a cumulative count) gets the
    phase of its end; callers that sum by phase should leave such rows out.
    """
    import pandas as pd

    if pd.Timestamp(end) < pd.Timestamp(start):
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return phase_for_date(end)
