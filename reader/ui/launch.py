"""`reader` without a subcommand: run the app on the library in the data dir."""

from __future__ import annotations

from pathlib import Path


def run_app(data_dir: Path) -> int:
    """Run the app until the reader quits; the exit code (0, or 1 when the library cannot be opened)."""
    from reader.ui.app import ReaderApp

    app = ReaderApp(Path(data_dir))
    app.run()
    return app.return_code or (1 if app.library_failed else 0)
