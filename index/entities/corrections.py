"""The user's corrections to entities: an aliases file in TOML (<data dir>/aliases.toml).

It takes effect the next time the library is opened; articles need not be imported again.
Each entity is named by its id ("person:mark-rutte"), its name or any of its aliases.

    # Make one entity of several: everything in `from` becomes part of `into`.
    [[merge]]
    into = "Mark Rutte"
    from = ["Rutte-Regierung", "person:m-rutte"]

    # Show an entity under another name (the old name stays an alias).
    [[rename]]
    entity = "Selenskij"
    name = "Wolodymyr Selenskyj"

    # Change what an entity is: person, org, place or other.
    [[kind]]
    entity = "Spiegel"
    kind = "org"

    # Hide names that are not entities at all.
    [[suppress]]
    entities = ["Suchbegriff", "Politics"]     # or: entity = "Suchbegriff"

An entity's id follows its kind and name, so a rename or a kind change gives it a new id.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReaderError
from .names import KINDS

logger = logging.getLogger(__name__)

_SECTIONS = {
    "merge": {"into", "from"},
    "rename": {"entity", "name"},
    "kind": {"entity", "kind"},
    "suppress": {"entity", "entities"},
}


class CorrectionsError(ReaderError):
    """The aliases file cannot be read or says something we cannot do."""


@dataclass(frozen=True)
class Corrections:
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()
    renames: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()
    suppressed: tuple[str, ...] = ()
    source: Path | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not (self.merges or self.renames or self.kinds or self.suppressed)

    @classmethod
    def load(cls, path: Path | None) -> "Corrections":
        """Read the aliases file; a missing file means no corrections."""
        if path is None or not Path(path).exists():
            return cls()
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionsError(f"Cannot read the aliases file {path}: {exc}.") from exc
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CorrectionsError(f"The aliases file {path} is not valid TOML: {_reason(exc)}.") from exc
        return _parse(data, text, path)


def _reason(exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        return f"line {found.group(1)}, column {found.group(2)}: " + message[: found.start()].strip()
    return message


def _header_lines(text: str, section: str) -> list[int]:
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(section) + r"\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def _parse(data: dict, text: str, path: Path) -> Corrections:
    def fail(section: str, index: int, what: str) -> CorrectionsError:
        lines = _header_lines(text, section)
        where = f"line {lines[index]}" if index < len(lines) else f"[[{section}]] number {index + 1}"
        return CorrectionsError(f"The aliases file {path}, {where}: {what}.")

    for key, value in data.items():
        if key not in _SECTIONS:
            line = next((n for n, l in enumerate(text.splitlines(), 1) if key in l), None)
            where = f"line {line}" if line else "top level"
            raise CorrectionsError(
                f"The aliases file {path}, {where}: unknown section {key!r}; "
                "use [[merge]], [[rename]], [[kind]] or [[suppress]].")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise CorrectionsError(
                f"The aliases file {path}: write {key!r} as [[{key}]] tables.")

    def text_value(section: str, i: int, table: dict, key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(section, i, f"[[{section}]] needs {key} = \"...\" (a name, alias or id)")
        return value.strip()

    def list_value(section: str, i: int, table: dict, key: str) -> tuple[str, ...]:
        value = table.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise fail(section, i, f"[[{section}]] needs {key} = [\"...\", ...] (names, aliases or ids)")
        return tuple(v.strip() for v in value if v.strip())

    def check_keys(section: str, i: int, table: dict) -> None:
        unknown = set(table) - _SECTIONS[section]
        if unknown:
            allowed = ", ".join(sorted(_SECTIONS[section]))
            raise fail(section, i, f"unknown key {sorted(unknown)[0]!r} in [[{section}]]; "
                       f"it takes {allowed}")

    merges, renames, kinds, suppressed = [], [], [], []
    for i, table in enumerate(data.get("merge", [])):
        check_keys("merge", i, table)
        merges.append((text_value("merge", i, table, "into"), list_value("merge", i, table, "from")))
    for i, table in enumerate(data.get("rename", [])):
        check_keys("rename", i, table)
        renames.append((text_value("rename", i, table, "entity"), text_value("rename", i, table, "name")))
    for i, table in enumerate(data.get("kind", [])):
        check_keys("kind", i, table)
        kind = text_value("kind", i, table, "kind").lower()
        if kind not in KINDS:
            raise fail("kind", i, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        kinds.append((text_value("kind", i, table, "entity"), kind))
    for i, table in enumerate(data.get("suppress", [])):
        check_keys("suppress", i, table)
        key = "entities" if "entities" in table else "entity"
        suppressed.extend(list_value("suppress", i, table, key))
    return Corrections(tuple(merges), tuple(renames), tuple(kinds), tuple(suppressed), path)
