"""Bytes -> text: UTF-8 (with or without BOM) first, with a few invalid bytes replaced by U+FFFD;
other encodings detected by charset-normalizer, and binary data refused with a sentence for a
person."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from ..errors import IngestError

logger = logging.getLogger(__name__)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
_WESTERN = ["cp1252", "latin_1", "iso8859_15"]
_NO_BOM_UNICODE = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"]
# Valid non-ASCII characters per invalid byte above which a file is UTF-8 with some damage.
_UTF8_SHARE = 4
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _binary(name: str) -> IngestError:
    return IngestError(f"{name} looks like a binary file, not text.")


def _control_share(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / max(len(text), 1)


def _check_text(text: str, name: str) -> str:
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise _binary(name)
    return text


def _mostly_utf8(data: bytes) -> bool:
    """True when a few invalid bytes stand among many valid UTF-8 characters beyond ASCII (a
    file damaged in places): re-decoding it all in a code page would garble every umlaut. In
    text in a code page nearly every byte beyond ASCII is invalid UTF-8."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    valid_beyond_ascii = sum(1 for c in escaped if c > "\x7f") - invalid
    return valid_beyond_ascii >= _UTF8_SHARE * invalid


def decode(data: bytes, name: str) -> str:
    """The text of ``data``; raises IngestError for empty or binary data."""
    if not data.strip():
        raise IngestError(f"{name} is empty.")
    if data.startswith(_UTF32_BOMS):
        try:
            return _check_text(data.decode("utf-32"), name)
        except UnicodeDecodeError:
            raise _binary(name) from None
    if data.startswith(_UTF16_BOMS):
        try:
            return _check_text(data.decode("utf-16"), name)
        except UnicodeDecodeError:
            raise _binary(name) from None
    if b"\x00" in data:
        raise _binary(name)
    try:
        # The common case, and fast: strict UTF-8 (a BOM is dropped).
        return _check_text(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        logger.debug("%s decoded as UTF-8 with invalid bytes replaced", name)
        return _check_text(data.decode("utf-8-sig", errors="replace"), name)
    # German text is mostly in a Western code page; charset-normalizer alone guesses wildly on
    # short texts ("Müller" as Farsi), so it is asked about those first and about all others next.
    best = from_bytes(data, cp_isolation=_WESTERN).best() or from_bytes(data, cp_exclusion=_NO_BOM_UNICODE).best()
    if best is None:
        raise _binary(name)
    logger.debug("%s decoded as %s", name, best.encoding)
    return _check_text(str(best), name)
