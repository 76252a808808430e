"""Decode text files as offices have them.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read directly; other
bytes fall back to charset-normalizer's best guess.  Binary data is refused
rather than decoded into junk.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we know."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in b"\r\n\t\f\x1b")
    return controls > len(sample) * 0.01


def decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise DecodeError("tệp nhị phân, không phải văn bản (binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("không nhận ra bảng mã của tệp (unknown text encoding)")
    return str(best)
