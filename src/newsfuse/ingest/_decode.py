"""Bytes in, text out: size, emptiness and binary checks, then encoding detection.

UTF-8 is tried first because almost everything is UTF-8 and the check is exact. Only when
it fails does charset-normalizer guess; on short Western text that guess is unreliable
(it picks cp775 or cp1250 for cp1252 bytes), so windows-1252 is preferred whenever its
decoding reads like Western European text.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsfuse.ingest._common import SUPPORTED, failure
from newsfuse.models import Failure

_SNIFF = 8192
_MAX_CONTROL_RATIO = 0.05
# In Western European prose few letters are accented; a cp1252 decoding where most
# letters are non-ASCII is really Cyrillic, Greek, … read with the wrong table.
_MAX_NON_ASCII_LETTERS = 0.3
# Share of undecodable sequences (against valid non-ASCII characters) below which a file is
# UTF-8 with strays rather than another encoding.
_MAX_BROKEN_UTF8 = 0.1
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Text read from an input and the encoding it was in (reported for odd files)."""

    text: str
    encoding: str


def read_file(path: Path, origin: str, max_bytes: int) -> bytes | Failure:
    """The file's bytes, or a Failure for a size over ``max_bytes`` or an OS error."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return too_big(origin, size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return failure(origin, f"cannot be read ({reason}): check that it exists and is readable")


def read_stream(stream: BinaryIO, origin: str, max_bytes: int) -> bytes | Failure:
    """Up to ``max_bytes`` from a stream; one byte more means it is over the limit."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return failure(
            origin, f"is over the {human_size(max_bytes)} limit; pass --max-size to raise it"
        )
    return data


def too_big(origin: str, size: int, max_bytes: int) -> Failure:
    return failure(
        origin,
        f"is {human_size(size)}, over the {human_size(max_bytes)} limit; "
        "pass --max-size to raise it",
    )


def human_size(size: int) -> str:
    """``31.2 MB``, ``20 MB``, ``4.1 KB``, ``12 bytes`` (binary units, as file managers show)."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def decode(data: bytes, origin: str) -> Decoded | Failure:
    """Text from bytes, or a Failure saying the input is empty, binary or undecodable."""
    if not data.strip():
        return failure(origin, "is empty: nothing to read")
    bom = _bom_encoding(data)
    if bom is None and b"\x00" in data[:_SNIFF]:
        return failure(origin, f"looks binary (NUL bytes); {SUPPORTED}")
    decoded = _decode_with(data, bom) if bom else _utf8(data) or _guess(data)
    if decoded is None:
        return failure(origin, f"looks binary (no text encoding fits its bytes); {SUPPORTED}")
    if _control_ratio(decoded.text) > _MAX_CONTROL_RATIO:
        return failure(origin, f"looks binary (mostly non-text bytes); {SUPPORTED}")
    if not decoded.text.strip():
        return failure(origin, "is empty: nothing to read")
    return decoded


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_with(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes) -> Decoded | None:
    return _decode_with(data, "utf-8")


def _guess(data: bytes) -> Decoded | None:
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    western = _decode_with(data, "cp1252")
    if western is not None and _reads_western(western.text):
        return western
    from charset_normalizer import from_bytes  # lazy: only odd files need it

    best = from_bytes(data).best()
    if best is not None:
        return Decoded(str(best), best.encoding)
    # latin-1 maps every byte, so it is the last resort for text that is only slightly off.
    return western or _decode_with(data, "latin-1")


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a pasted cp1252 quote): keep the UTF-8, mark the strays.

    Reading such a file as cp1252 would garble every correct accented letter in it
    ("Ã©" for "é") to save the one or two broken ones.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if not ch.isascii()) - broken
    if valid > 0 and broken <= _MAX_BROKEN_UTF8 * valid:
        return Decoded(text, "utf-8 (with replaced bytes)")
    return None


def _reads_western(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return non_ascii / len(letters) <= _MAX_NON_ASCII_LETTERS


def _control_ratio(text: str) -> float:
    sample = text[:_SNIFF]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return controls / max(1, len(sample))
