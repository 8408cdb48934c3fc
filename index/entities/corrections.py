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
Corrections apply in the order the file lists them, and each may name an entity by the id it
has after the ones above it: that is how the app writes them (`append`), by the id it shows,
so of two entities with the same name the right one changes.
"""

from __future__ import annotations

import logging
import os
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


# One correction: ("merge", into, (from, ...)), ("rename", entity, name), ("kind", entity,
# kind) or ("suppress", entity, "").
Step = tuple[str, str, "str | tuple[str, ...]"]


@dataclass(frozen=True)
class Corrections:
    steps: tuple[Step, ...] = ()
    source: Path | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not self.steps

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

    steps: list[tuple[int, int, int, Step]] = []  # (line, section, number, step)

    def add(section: str, i: int, made: list[Step]) -> None:
        lines = _header_lines(text, section)
        line = lines[i] if i < len(lines) else len(text)  # inline tables: after the headers
        steps.extend((line, list(_SECTIONS).index(section), i, step) for step in made)

    for i, table in enumerate(data.get("merge", [])):
        check_keys("merge", i, table)
        add("merge", i, [("merge", text_value("merge", i, table, "into"),
                          list_value("merge", i, table, "from"))])
    for i, table in enumerate(data.get("rename", [])):
        check_keys("rename", i, table)
        add("rename", i, [("rename", text_value("rename", i, table, "entity"),
                           text_value("rename", i, table, "name"))])
    for i, table in enumerate(data.get("kind", [])):
        check_keys("kind", i, table)
        kind = text_value("kind", i, table, "kind").lower()
        if kind not in KINDS:
            raise fail("kind", i, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        add("kind", i, [("kind", text_value("kind", i, table, "entity"), kind)])
    for i, table in enumerate(data.get("suppress", [])):
        check_keys("suppress", i, table)
        key = "entities" if "entities" in table else "entity"
        add("suppress", i, [("suppress", ref, "") for ref in list_value("suppress", i, table, key)])
    steps.sort(key=lambda s: s[:3])
    return Corrections(tuple(step for *_, step in steps), path)


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def append(path: Path, section: str, note: str, **values: str | list[str]) -> None:
    """Add one correction at the end of the aliases file (made if missing), after a comment
    `note`; the file is checked first and replaced whole, so a bad or half-written file is
    never made. Raises CorrectionsError when the file cannot be read, is invalid, or cannot
    be written."""
    if section not in _SECTIONS or not set(values) <= _SECTIONS[section]:
        raise ValueError(f"no correction [[{section}]] with {sorted(values)}")
    path = Path(path)
    Corrections.load(path)  # a file the user broke by hand is not written over
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    comment = "".join(c if c.isprintable() else "?" for c in " ".join(note.split()))
    lines = [f"# {comment}", f"[[{section}]]"]
    for key, value in values.items():
        if isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_toml_string(v) for v in value)}]")
        else:
            lines.append(f"{key} = {_toml_string(value)}")
    separator = "" if not old else ("\n" if old.endswith("\n") else "\n\n")
    new = old + separator + "\n".join(lines) + "\n"
    _parse(tomllib.loads(new), new, path)  # what is written must read back
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(new, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise CorrectionsError(f"Cannot write the aliases file {path}: {exc.strerror or exc}.") from exc


CHANGES = ("rename", "merge", "kind", "suppress")


def record(path: Path, change: str, entity_id: str, name: str, value: str = "",
           value_name: str = "") -> None:
    """Write one correction of the entity `entity_id` (shown as `name`) to the aliases file:
    rename it to `value`, merge it into the entity `value` (shown as `value_name`), make its
    kind `value`, or suppress it (not an entity)."""
    value = " ".join(value.split())
    if change == "rename":
        if not value:
            raise CorrectionsError("Give the new name.")
        append(path, "rename", f"{name} is called {value}", entity=entity_id, name=value)
    elif change == "merge":
        if not value or value == entity_id:
            raise CorrectionsError("Choose another entity to merge it into.")
        append(path, "merge", f"{name} is {value_name or value}", into=value, **{"from": [entity_id]})
    elif change == "kind":
        if value not in KINDS:
            raise CorrectionsError(f"A kind is one of {', '.join(KINDS)}, not {value!r}.")
        append(path, "kind", f"{name} is a {value}", entity=entity_id, kind=value)
    elif change == "suppress":
        append(path, "suppress", f"{name} is not an entity", entity=entity_id)
    else:
        raise ValueError(f"unknown correction {change!r}")
