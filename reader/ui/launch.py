"""`reader` without a subcommand: run the app on the library in the data dir."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index.listing import DATABASE_NAME, first_page

PAGE_SIZE = 200  # articles per page of the list
# The first page painted before the library opens: a few screenfuls; fewer rows paint sooner.
FIRST_PAGE_ROWS = 60


def run_app(data_dir: Path) -> int:
    """Run the app until the reader quits; the exit code (0, or 1 when the library cannot be opened)."""
    # The newest articles are read from SQLite while Textual loads (SQLite leaves the GIL), so
    # the first frame can show them; the full library opens afterwards, in a worker.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="first-page") as pool:
        newest = pool.submit(first_page, Path(data_dir) / DATABASE_NAME, FIRST_PAGE_ROWS)
        from reader.ui.app import ReaderApp

        app = ReaderApp(Path(data_dir), page_size=PAGE_SIZE, first_page=newest)
        app.run()
    return app.return_code or (1 if app.library_failed else 0)
