"""The benchmark's "as the app does" search asks for what the app asks for per keystroke."""

from bench.measure_search import APP_PAGE
from reader.ui.screens.main_work import SEARCH_PAGE


def test_the_benchmark_asks_for_the_apps_first_page_of_hits() -> None:
    assert APP_PAGE == SEARCH_PAGE
