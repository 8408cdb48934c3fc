"""The domain package never imports the UI: importing all of index/ must not load textual."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import index

ROOT = Path(__file__).resolve().parents[2]


def _index_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(index.__path__, prefix="index."))


def test_index_has_modules_to_check():
    modules = _index_modules()
    assert "index.library" in modules and "index.search" in modules and "index.store" in modules


def test_importing_every_index_module_loads_no_textual():
    modules = _index_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name.endswith('__main__'): continue\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"index/ pulled in textual: {result.stdout.strip()}"


def test_the_cli_commands_do_not_load_textual_either():
    """Scripted use (reader add/search/...) must not pay for the UI."""
    code = "import sys, reader.cli; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_app_paints_its_first_screen_before_loading_the_library_code():
    """`reader` shows the newest articles before pydantic, Whoosh and the recogniser load (they
    take most of a second); a module-level import of any of them in the UI would undo that."""
    code = (
        "import sys, reader.cli, reader.ui.launch, reader.ui.app\n"
        "heavy = ('pydantic', 'whoosh', 'index.library', 'index.models', 'index.entities', 'pycrfsuite')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the app's start-up loads: {result.stdout.strip()}"
