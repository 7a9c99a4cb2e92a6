"""Why the bytes of a scenario file are not UTF-8 text, in words an author can act on.

Two cases are told apart. A file that is text saved in another encoding (Latin-1 or
Windows-1252, as older editors do) has a few bytes that are not UTF-8: each is named, with the
character it stands for there, and the author is told to save the file as UTF-8. A file that is
not text at all (an image, an archive, a word-processor document) is reported as binary data.
"""

from __future__ import annotations

from game.words import count, plural

_PLAIN = bytes(range(32, 127)) + b"\t\n\r"    # printable ASCII, tabs and line breaks
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(raw: bytes) -> bool:
    """Whether ``raw`` (which is not UTF-8) is binary data rather than text in an 8-bit encoding.

    Text in such an encoding has no NUL bytes, next to no control bytes, and keys, spaces and line
    breaks in ASCII; so a NUL byte, more than one control byte in a hundred, or fewer than one
    byte in four that is plain ASCII make binary data."""
    if not raw or b"\0" in raw:
        return bool(raw)
    controls = len(raw) - len(raw.translate(None, _CONTROL))
    plain = len(raw) - len(raw.translate(None, _PLAIN))
    return controls * 100 > len(raw) or plain * 4 < len(raw)


def utf16(raw: bytes) -> bool:
    """Whether ``raw`` starts with a UTF-16 byte-order mark (text, but not UTF-8)."""
    return raw.startswith(_UTF16_MARKS)


def not_utf8(raw: bytes, start: int, cut_short: bool) -> str:
    """The message for the byte at ``start``, the first that is not UTF-8 in a text file; ``cut_short``
    when the file ends inside a UTF-8 character (the byte begins one that has no end)."""
    byte = raw[start]
    if cut_short:
        return (f"the file ends inside a character: byte 0x{byte:02X} begins a UTF-8 character that the file "
                "cuts short (it may have been truncated): expected the rest of the character")
    try:
        reading = f", where it is {bytes([byte]).decode('cp1252')!r}"
    except UnicodeDecodeError:   # 0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing in Windows-1252
        reading = ""
    more = _more_bad_bytes(raw[start:])
    also = f"; {count(more, 'more byte')} further on {plural(more, 'is', 'are')} not UTF-8 either" if more else ""
    return (f"byte 0x{byte:02X} is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252"
            f"{reading}): save it as UTF-8{also}")


def _more_bad_bytes(rest: bytes) -> int:
    """How many bytes after the first of ``rest`` are not part of UTF-8 text."""
    text = rest.decode("utf-8", "surrogateescape")
    return sum(1 for c in text if "\udc80" <= c <= "\udcff") - 1
