"""Dates as German news pages, feeds and metadata write them.

Understood forms: ``04. September 2025, 14:56 Uhr``, ``4. Sept. 2025``, ``04.09.2025``,
``04.09.2025 11:21 Uhr``, ``Stand: 04.09.2025 11:21 Uhr``, ``2025-09-04``, ISO 8601 with time
and offset, and RFC 822 (``Thu, 04 Sep 2025 14:56:00 +0200``). A time without a zone is German
local time (Europe/Berlin). A date without a time has precision "day"; with a time, "minute".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Literal
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

Precision = Literal["day", "minute"]

_MONTHS = {
    "januar": 1, "jan": 1, "jänner": 1, "jaenner": 1,
    "februar": 2, "feb": 2, "feber": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO = re.compile(
    r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:[.,]\d+)?)?"
    r"\s?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?(?![\d])"
)
_NUMERIC = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d])")
_LONG = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s*(?P<mon>{_MONTH_NAMES})\.?\s+(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# A time right after a date: "04.09.2025, 14:56 Uhr", "04.09.2025 · 14:56", "... um 14.56 Uhr".
_TIME_AFTER = re.compile(
    r"(?:\s|[,·•|–—-]|\bum\b)*(?:(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?(?!\d)(?:\s*(?:Uhr|h)\b)?"
    r"|(?P<H2>\d{1,2})\.(?P<M2>\d{2})\s*Uhr\b)(?:\s*(?:MESZ|MEZ|CEST|CET)\b)?",
    re.IGNORECASE,
)
# Words that may stand around a date on a line that is nothing but a date.
_DATE_LABELS = re.compile(
    r"\b(?:stand|datum|aktualisiert|zuletzt|veröffentlicht|erschienen|erstellt|publiziert|"
    r"update|am|um|vom|uhr|mesz|mez|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text; ``start``/``end`` span the date and its time in that text."""

    value: datetime
    precision: Precision
    start: int = 0
    end: int = 0


def _local(year: int, month: int, day: int, hour: int | None, minute: int | None) -> datetime | None:
    try:
        if hour is None:
            return datetime(year, month, day, tzinfo=BERLIN)
        return datetime(year, month, day, hour, minute or 0, tzinfo=BERLIN)
    except ValueError:
        return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _with_time(text: str, found_end: int) -> tuple[int | None, int | None, int]:
    match = _TIME_AFTER.match(text, found_end)
    if match is None:
        return None, None, found_end
    hour, minute = int(match["H"] or match["H2"]), int(match["M"] or match["M2"])
    if hour > 23 or minute > 59:
        return None, None, found_end
    return hour, minute, match.end()


def _iso_match(match: re.Match[str]) -> FoundDate | None:
    if match["H"] is None:
        value = _local(int(match["y"]), int(match["m"]), int(match["d"]), None, None)
        return None if value is None else FoundDate(value, "day", match.start(), match.end())
    text = match.group(0).replace(" ", "T", 1).replace(",", ".")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=BERLIN)
    return FoundDate(value, "minute", match.start(), match.end())


def find_date(text: str) -> FoundDate | None:
    """The first date (with the time that follows it, if any) anywhere in ``text``."""
    candidates: list[FoundDate] = []
    for match in _ISO.finditer(text):
        found = _iso_match(match)
        if found is not None:
            candidates.append(found)
            break
    for pattern in (_LONG, _NUMERIC):
        for match in pattern.finditer(text):
            month = _MONTHS[match["mon"].lower()] if "mon" in match.groupdict() else int(match["m"])
            hour, minute, end = _with_time(text, match.end())
            value = _local(_year(match["y"]), month, int(match["d"]), hour, minute)
            if value is not None:
                precision: Precision = "day" if hour is None else "minute"
                candidates.append(FoundDate(value, precision, match.start(), end))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda found: found.start)


def date_only_line(line: str) -> FoundDate | None:
    """The date of a line that says nothing but a date, such as ``Stand: 04.09.2025 11:21 Uhr``."""
    found = find_date(line)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end :]
    # "07. November 2015, aktualisiert 07. November 2015, 15:27 Uhr": published, then updated.
    while (again := find_date(rest)) is not None:
        if found.precision == "day" and again.precision == "minute" and again.value.date() == found.value.date():
            found = FoundDate(again.value, "minute", found.start, found.end)
        rest = rest[: again.start] + " " + rest[again.end :]
    rest = _DATE_LABELS.sub(" ", rest)
    if re.sub(r"[\s,.:·•|–—\-()\[\]«»„“”\"']+", "", rest):
        return None
    return found


def time_only(text: str) -> tuple[int, int] | None:
    """``14:56 Uhr`` -> (14, 56); for datelines that put the time in its own segment."""
    match = re.fullmatch(r"\s*(?:um\s+)?(\d{1,2})[:.](\d{2})\s*(?:Uhr|h)?\s*(?:MESZ|MEZ)?\s*", text, re.I)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    return (hour, minute) if hour < 24 and minute < 60 else None


def at_time(found: FoundDate, hour: int, minute: int) -> FoundDate:
    """The same day at the given local time."""
    value = found.value.astimezone(BERLIN).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return FoundDate(value, "minute", found.start, found.end)


def parse_date_value(value: object) -> FoundDate | None:
    """A date given as a metadata value: a YAML/JSON date, an ISO 8601, RFC 822 or German string."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=BERLIN)
        return FoundDate(aware, "minute")
    if isinstance(value, date):
        return FoundDate(datetime(value.year, value.month, value.day, tzinfo=BERLIN), "day")
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    iso = _ISO.fullmatch(text)
    if iso is not None:
        return _iso_match(iso)
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}|^\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:  # RFC 822 "-0000" means UTC with no stated local zone
                parsed = parsed.replace(tzinfo=timezone.utc)
            return FoundDate(parsed, "minute")
    return find_date(text)


# A date in a file name or URL path: 2020-03-15, 2020_03_15, 2020.03.15, /2020/03/15/, 20200315.
_NAME_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d{2})(?P<sep>[-_./]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?![0-9A-Za-z])"
)


def date_in_name(name: str | None) -> FoundDate | None:
    """The day a file name or a URL's path names (``2020-03-15-bericht.txt``, ``/2020/03/15/``,
    ``20200315``); None when it names none, or more than one."""
    if not name:
        return None
    days = {(m["y"], m["m"], m["d"]) for m in _NAME_DATE.finditer(name)}
    if len(days) != 1:
        return None
    year, month, day = days.pop()
    value = _local(int(year), int(month), int(day), None, None)
    return None if value is None or value > datetime.now(BERLIN) else FoundDate(value, "day")
