"""`reader bookmarks export --vault DIR`: one Obsidian note per bookmarked article.

Re-exporting updates the notes reader wrote and leaves alone every note the user edited since:
a hidden record in the vault (`.reader/vault.json`, Obsidian ignores dot folders) keeps a hash
of each note as reader last wrote it. A note found where the record says, or anywhere in the
folder by its `reader_id` (the user may have renamed or moved it), is rewritten only when its
text still has that hash. Notes are written atomically (reader.export_file).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.models import Bookmark
from reader.export.vault_note import note_facts, render_note, safe_name
from reader.export_file import ExportError, write_export

RECORD = Path(".reader") / "vault.json"
RECORD_VERSION = 1


@dataclass
class VaultReport:
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # edited by the user since reader wrote them
    bookmarks: int = 0


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def note_reader_id(text: str) -> str | None:
    """The reader_id in a note's frontmatter, None when it has none (or no readable frontmatter)."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return None
    value = data.get("reader_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _prepare_folder(vault: Path) -> None:
    if vault.exists() and not vault.is_dir():
        raise ExportError(f"{vault} is a file; give a folder (an Obsidian vault, or a folder in one).")
    if not vault.exists():
        if not vault.parent.is_dir():
            raise ExportError(f"Cannot write {vault}: the folder {vault.parent} does not exist.")
        try:
            vault.mkdir()
        except OSError as exc:
            raise ExportError(f"Cannot create {vault}: {exc.strerror or exc}.") from None


def _load_record(vault: Path) -> dict[str, dict]:
    text = _read(vault / RECORD)
    if text is None:
        return {}
    try:
        notes = json.loads(text).get("notes", {})
    except (json.JSONDecodeError, AttributeError):
        return {}
    return {k: v for k, v in notes.items() if isinstance(v, dict) and isinstance(v.get("file"), str)}


def _notes_by_reader_id(vault: Path) -> dict[str, Path]:
    """Every note in the folder that carries a reader_id (outside hidden folders such as .obsidian)."""
    found: dict[str, Path] = {}
    for folder, subfolders, files in os.walk(vault):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md"):
                path = Path(folder) / name
                text = _read(path)
                reader_id = note_reader_id(text) if text else None
                if reader_id:
                    found.setdefault(reader_id, path)
    return found


def _new_path(vault: Path, title: str, article_id: str, taken: set[Path]) -> Path:
    base = safe_name(title)
    for name in (base, f"{base} ({article_id[:8]})", f"{base} ({article_id})"):
        path = vault / f"{name}.md"
        if not path.exists() and path not in taken:
            return path
    raise ExportError(f"Cannot find a free file name for {title!r} in {vault}.")


def export_vault(library, vault: Path, bookmarks: list[Bookmark] | None = None) -> VaultReport:
    vault = Path(vault)
    _prepare_folder(vault)
    if bookmarks is None:
        bookmarks = library.bookmarks.list()
    by_article: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        by_article.setdefault(bookmark.article, []).append(bookmark)
    record = _load_record(vault)
    located = None  # the folder is scanned only when a recorded note is not where it was
    report = VaultReport(bookmarks=len(bookmarks))
    taken: set[Path] = set()
    for article_id, marks in by_article.items():
        article, removed = library.bookmarks.article(article_id)
        mentions = [] if removed else library.mentions(article_id)
        quotes = [] if removed else library.quotes(article_id)
        entities = {m.entity for m in mentions} | {q.speaker for q in quotes if q.speaker is not None}
        facts = note_facts(mentions, library.bookmarks.entity_names(entities), quotes)
        text = render_note(article, marks, mentions, facts, removed=removed)
        entry = record.get(article_id)
        path = vault / entry["file"] if entry else None
        if path is None or note_reader_id(_read(path) or "") != article_id:
            located = _notes_by_reader_id(vault) if located is None else located
            path = located.get(article_id)
        if path is None:
            path = _new_path(vault, article.title, article_id, taken)
            write_export(path, text)
            report.created.append(path)
        else:
            current = _read(path)
            if current == text:
                report.unchanged.append(path)
            elif current is not None and entry is not None and _hash(current) == entry.get("sha256"):
                write_export(path, text, force=True)
                report.updated.append(path)
            else:
                report.skipped.append(path)
                taken.add(path)
                continue
        taken.add(path)
        record[article_id] = {"file": path.relative_to(vault).as_posix(), "sha256": _hash(text)}
    (vault / RECORD.parent).mkdir(exist_ok=True)
    write_export(vault / RECORD, json.dumps({"version": RECORD_VERSION, "notes": record}, ensure_ascii=False,
                                            indent=1, sort_keys=True) + "\n", force=True)
    return report

