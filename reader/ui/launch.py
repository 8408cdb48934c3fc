"""`reader` without a subcommand: run the app on the library in the data dir."""

from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index.listing import DATABASE_NAME, first_page

# The first page painted before the library opens: a few screenfuls; fewer rows paint sooner.
FIRST_PAGE_ROWS = 60


def run_app(data_dir: Path, import_seeds: bool = True) -> int:
    """Run the app until the reader quits; the exit code (0, or 1 when the library cannot be opened).
    `import_seeds`: the bundled articles fill the library on its very first start (the default
    library only: the CLI passes False for a folder the user named)."""
    # The newest articles are read from SQLite while Textual loads (SQLite leaves the GIL), so
    # the first frame can show them; the full library opens afterwards, in a worker.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="first-page") as pool:
        newest = pool.submit(first_page, Path(data_dir) / DATABASE_NAME, FIRST_PAGE_ROWS)
        # Importing Textual builds some 60,000 objects that live as long as the app; each full
        # collection would walk all of them again (one of them before the first frame).
        # So they are set aside (frozen), and nothing is collected until the first frame is
        # painted: the app resumes the collector when it starts opening the library.
        gc.disable()
        try:
            from reader.ui.app import ReaderApp

            gc.freeze()
            app = ReaderApp(Path(data_dir), first_page=newest, import_seeds_when_empty=import_seeds)
            app.run()
        finally:
            gc.enable()
    return app.return_code or (1 if app.library_failed else 0)
