"""Which format a file is in: its suffix first, its first bytes where the suffix says little."""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Literal

Format = Literal["text", "markdown", "html", "feed", "jsonl", "json", "csv"]

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.S)


def sniff(head: bytes) -> Format | None:
    """The format the first bytes of ``head`` (a file's data) show, if they show one."""
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<?xml") or _FEED_ROOT.match(text):
        if _FEED_ROOT.search(text):
            return "feed"
        return "html" if "<html" in text else None
    if _HTML_START.match(text):
        return "html"
    if text.startswith(("[", "{")):
        body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        try:
            if isinstance(json.loads(body.split(b"\n", 1)[0]), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
        try:
            json.loads(body)
        except (ValueError, RecursionError):
            return None
        return "json"
    if re.match(r"---[ \t]*\r?\n", text) and re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text):
        return "markdown"
    return None


def detect_format(name: str, data: bytes) -> Format:
    suffix = PurePath(name).suffix.lower()
    by_suffix = SUFFIX_FORMATS.get(suffix)
    if by_suffix in ("jsonl", "markdown", "csv"):
        return by_suffix
    if suffix == ".json":  # read when named, not collected from folders (too many other uses)
        return "json"
    sniffed = sniff(data)
    if by_suffix == "html":
        return "html"
    if by_suffix == "feed":
        return "html" if sniffed == "html" else "feed"
    return sniffed or "text"
