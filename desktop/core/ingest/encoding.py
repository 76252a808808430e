"""Decode text files as offices have them, legacy Vietnamese encodings included.

UTF-8 and UTF-16 with a BOM are read directly.  Otherwise every candidate
decoding (UTF-8, CP1258, TCVN3, VNI, VISCII) is scored by how many valid
Vietnamese syllables it yields and the best one wins; text with no
Vietnamese at all falls back to charset-normalizer.  Binary data is refused
rather than decoded into junk.  The user can force an encoding.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from desktop.core.ingest import legacy


class DecodeError(ValueError):
    """The bytes are not text in any encoding we know."""


# TCVN3 and VISCII use a few C0 codes for capitals; only codes no text uses count as binary.
_NOT_CONTROL = bytes(range(32, 256)) + b"\r\n\t\f\x1b\x01\x02\x04\x05\x06\x11\x12\x13\x14\x15\x16\x17\x19\x1e"
ENCODINGS = ("utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viscii")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    return len(sample.translate(None, _NOT_CONTROL)) > len(sample) * 0.01


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used).  ``encoding`` forces one of :data:`ENCODINGS`."""
    if encoding is not None:
        if encoding not in ENCODINGS:
            raise DecodeError(f"không biết bảng mã '{encoding}' (choose one of {', '.join(ENCODINGS)})")
        try:
            if encoding == "utf-16":
                return data.decode("utf-16"), encoding
            return legacy.DECODERS[encoding](data), encoding
        except (UnicodeDecodeError, ValueError) as exc:
            raise DecodeError(f"tệp không phải bảng mã {encoding}: {exc}") from exc
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if looks_binary(data):
        raise DecodeError("tệp nhị phân, không phải văn bản (binary data)")
    best = legacy.detect(data)
    if best.score > 0 or best.encoding == "utf-8":
        return best.text, best.encoding
    guess = from_bytes(data).best()
    if guess is None:
        raise DecodeError("không nhận ra bảng mã của tệp (unknown text encoding)")
    return str(guess), guess.encoding
