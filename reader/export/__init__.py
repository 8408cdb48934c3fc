"""Exports that leave the library: the Obsidian vault (vault.py); the single Markdown file is reader.bookmarks."""
