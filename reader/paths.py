"""Where the library lives and where the bundled seeds are."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"
DATA_DIR_ENV = "READER_DATA_DIR"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then READER_DATA_DIR, then the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # costs start-up time: only when no folder is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def seeds_dir() -> Path:
    """The embedded default library: packaged as reader/_seeds, or the repo's seeds/ in a checkout."""
    packaged = Path(__file__).parent / "_seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def aliases_file(library_dir: Path) -> Path:
    """The user's entity corrections (merge, rename, change kind, suppress)."""
    return library_dir / "aliases.toml"
