"""YAML syntax errors in words an author can act on, at the place to fix.

The parser's own messages name the parser's state ("while scanning a quoted scalar ... found
unexpected end of stream") and often the place where it gave up rather than the cause. Rules:

* a tab where YAML expects indentation or a value is named as a tab (YAML indents with spaces);
* a quote that is never closed is reported where it opens, not at the end of the file; one that a
  later quote closes (so that the quoted text runs on over lines holding keys, and the parser gives
  up further on) is reported where it opens, naming where it runs on to;
* a key with no space after its colon (``reservation:0.3``, which YAML reads as text) is named at
  its line, with the fix (add a space after the colon);
* a line of a mapping with no colon at all (``reservation 0.35``) is named where it starts, with the
  fix, and so is a key longer than YAML reads (1,024 characters on one line), even where it opens a mapping;
* a key or value echoed in a message is cut short (:func:`game.words.shorten`);
* an anchor (``&name``) given twice is named, with both lines;
* an alias (``*name``) with no anchor (``&name``) before it is named;
* a file that ends inside a value says it may have been cut short;
* a ``{`` or ``[`` that is not closed on its line is reported where it opens; one with a comma or
  its closing bracket missing on its own line, at the place, naming where it opens;
* a line indented out of step with the keys of its mapping (or the items of its list) names the
  columns: its own and that of the keys (or of the ``-``) it should line up with;
* a key indented less than the keys of its mapping on the lines either side of it (the parser gives
  up on the line after it) is named at its own line, with the column expected and the one found;
* a colon and a space that start a key on a line indented out of step with the line before name
  both columns; inside a plain value (``title: Talks: the sequel``) they start a new key, which is
  not allowed there: the message says to quote the value;
* a ``{...}`` or ``[...]`` item of a list that lost its ``- `` is named at its own line, asking about the dash;
* a character YAML does not allow (a control character) is named, at its line and column;
* an escape that YAML does not read in double-quoted text (``\\q``, ``\\u`` without four hexadecimal digits,
  ``\\ud800``: half of a UTF-16 surrogate pair, which names no character) is named at the backslash, with
  the way to write it;
* anything else keeps the parser's words, after "YAML syntax error:".
"""

from __future__ import annotations

import re

import yaml

from game.errors import Problem
from game.words import count, shorten

_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_GLUED = re.compile(r"([\w.-]+):(?=[^\s:])")
_CLOSING = {"{": "}", "[": "]"}
_KEY_MOST = 1024          # PyYAML reads a plain key of at most this many characters, on one line


def explain(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """The :class:`Problem` for a parser or scanner error raised while reading ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or ""
    context = exc.context or ""
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if at == "\t" or "tab" in problem:
        return Problem(shown, line, col, "YAML syntax error: a tab character; YAML indents with spaces only "
                                         "(replace the tab with spaces)")
    runaway = _runaway_quote(text, shown, mark)
    if runaway is not None:
        return runaway
    if "single document" in context:                     # PyYAML: "expected a single document in the stream"
        return Problem(shown, line, col, f"YAML syntax error: a second YAML document (a line '---') at line {line}: "
                                         "a scenario file holds one; remove the '---' and what follows, or move it to "
                                         "a file of its own")
    if "duplicate anchor" in context and exc.context_mark is not None and mark is not None:
        anchored = _ANCHOR.match(text, exc.context_mark.index)
        anchor = f"&{anchored.group(1)}" if anchored else "an anchor"
        return Problem(shown, line, col, f"YAML syntax error: the anchor {anchor} is given twice, at line "
                                         f"{exc.context_mark.line + 1} and again here, at line {line}; give each "
                                         "anchor its own name (and rename the aliases that refer to it)")
    if "could not find expected ':'" in problem and "simple key" in context and exc.context_mark is not None:
        glued = (_flow_item_without_dash(text, shown, exc.context_mark) or _no_space_after_colon(text, shown, exc.context_mark)
                 or _no_colon(text, shown, exc.context_mark))
        if glued is not None:
            return glued
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem) \
            and exc.context_mark is not None and mark is not None:
        escape = _bad_escape(text, shown, exc.context_mark.index, mark.index)
        if escape is not None:
            return escape
    if "quoted scalar" in context and exc.context_mark is not None:
        opened = exc.context_mark
        quote = text[opened.index] if 0 <= opened.index < len(text) else '"'
        return Problem(shown, opened.line + 1, opened.column + 1,
                       f"YAML syntax error: the quoted text that opens here with {quote} is never closed "
                       f"(expected a closing {quote} before {_where(exc)})")
    if "undefined alias" in problem:
        found = _ALIAS.match(text, mark.index) if mark is not None else None
        name = found.group(1) if found else "?"
        return Problem(shown, line, col, f"YAML syntax error: the alias *{name} refers to no anchor: expected "
                                         f"&{name} on a value earlier in the file")
    if mark is not None and not text[mark.index:].strip():
        return _cut_short(text, shown)
    if "flow mapping" in context or "flow sequence" in context:
        return _unclosed(exc, text, shown) or _parser_words(exc, shown, line, col)
    if "did not find expected key" in problem and "block mapping" in context and exc.context_mark is not None:
        first = _first_item_without_dash(text, shown, mark)
        if first is not None:
            return first
        return _out_of_step(shown, line, col, exc.context_mark, "the keys of the mapping", "are at column")
    if "expected '-' indicator" in problem and "block collection" in context and exc.context_mark is not None:
        return _out_of_step(shown, line, col, exc.context_mark, "the items of the list", "begin with '-' at column")
    if "mapping values are not allowed" in problem:
        return _misplaced_key(text, shown, line, col) or Problem(
            shown, line, col, "YAML syntax error: a colon followed by a space inside a value starts a new key, which "
                              f"is not allowed here; put the whole value in quotes ({_quoted_example(text, line)})")
    return _parser_words(exc, shown, line, col)


_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):\s+(.+?)\s*$")


def _quoted_example(text: str, line: int) -> str:
    """How to write line ``line``'s own value in quotes ('name: "Bots: the sequel"'), or a general example when
    the line is not one ``key: value``."""
    lines = text.splitlines()
    found = _KEY_VALUE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None or found.group(2)[:1] in "\"'":
        return 'for example title: "Talks: the sequel"'
    value = found.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'write {found.group(1)}: "{value}"'


def explain_reader(exc: yaml.reader.ReaderError, text: str, shown: str) -> Problem:
    """The :class:`Problem` for a character YAML does not allow, at its line and column
    (the reader counts UTF-8 bytes, so its position is turned back into characters)."""
    offset = len(text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", "ignore"))
    if not 0 <= offset < len(text) or ord(text[offset]) != exc.character:
        offset = max(text.find(chr(exc.character)), 0)
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    what = "a control character" if exc.character < 0x20 or 0x7F <= exc.character < 0xA0 else "a character"
    return Problem(shown, line, col, f"not a readable YAML file: {what} (U+{exc.character:04X}) where YAML allows "
                                     "none; delete it")


_DIGITS = {"x": 2, "u": 4, "U": 8}     # the hexadecimal digits each of YAML's numbered escapes takes


def _bad_escape(text: str, shown: str, opened: int, found: int) -> Problem | None:
    """The escape the parser could not read in the double-quoted text that opens at ``opened`` (the last
    backslash at or before ``found``, where the parser stopped), named at the backslash with the way to
    write it; None when no backslash is there."""
    at = text.rfind("\\", opened, found + 1)
    if at < 0:
        return None
    line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    letter = text[at + 1:at + 2]
    digits = _DIGITS.get(letter)
    escape = text[at:at + 2 + (digits or 0)].split('"')[0].rstrip()
    if digits is None:
        why = (f"YAML does not know the escape '{escape}': to write a backslash, double it (\\\\) or put the text in "
               "single quotes")
    elif not all(c in "0123456789abcdefABCDEF" for c in escape[2:]) or len(escape) < 2 + digits:
        why = f"the escape \\{letter} takes {digits} hexadecimal digits (0-9, a-f), found '{escape}'"
    else:
        why = (f"the escape '{escape}' names no character (U+D800 to U+DFFF are halves of UTF-16 surrogate pairs, "
               "which YAML does not join, and nothing lies beyond U+10FFFF): write the character itself, or "
               "\\U and its 8 hexadecimal digits")
    return Problem(shown, line, col, f"YAML syntax error: an invalid escape in quoted text: {why}")


def _parser_words(exc: yaml.MarkedYAMLError, shown: str, line: int, col: int) -> Problem:
    what = " ".join(part for part in (exc.context or "", exc.problem or "") if part)
    return Problem(shown, line, col, f"YAML syntax error: {what or 'unreadable document'}")


def _cut_short(text: str, shown: str) -> Problem:
    """The file ends where the parser still expects a value: at the end of its last line, naming the
    innermost ``{`` or ``[`` left open, if any."""
    end = len(text.rstrip())
    before = text[:end]
    line, col = before.count("\n") + 1, end - (before.rfind("\n") + 1) + 1
    depth, opened = 0, None
    for i in range(end - 1, -1, -1):                    # the innermost bracket still open (quotes not counted)
        ch = text[i]
        if ch in "}]":
            depth += 1
        elif ch in "{[":
            if depth == 0:
                opened = i
                break
            depth -= 1
    rest = ""
    if opened is not None:
        head = text[:opened]
        rest = (f" (expected the rest of the {text[opened]} that opens at line {head.count(chr(10)) + 1}, "
                f"column {opened - (head.rfind(chr(10)) + 1) + 1})")
    return Problem(shown, line, col, f"YAML syntax error: the file ends in the middle of a value: was it cut short?"
                                     f"{rest}")


def _unclosed(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem | None:
    """A ``{``/``[`` whose comma or closing bracket is missing: where it opens when the parser gave up on
    a later line, else at the place, naming the column where it opens."""
    opened, mark = exc.context_mark, exc.problem_mark
    if opened is None or mark is None or not 0 <= opened.index < len(text) or text[opened.index] not in _CLOSING:
        return None
    bracket = text[opened.index]
    closing = _CLOSING[bracket]
    if mark.line > opened.line:
        return Problem(shown, opened.line + 1, opened.column + 1,
                       f"YAML syntax error: the {bracket} that opens here is never closed (expected ',' or "
                       f"'{closing}' before line {mark.line + 1})")
    return Problem(shown, mark.line + 1, mark.column + 1,
                   f"YAML syntax error: expected ',' or '{closing}' here, inside the {bracket} that opens at column "
                   f"{opened.column + 1}: a comma or the closing {closing} is missing")


def _out_of_step(shown: str, line: int, col: int, opened: yaml.Mark, what: str, where: str) -> Problem:
    """A line the block mapping (or list) that starts at ``opened`` cannot take: name both columns."""
    if col == opened.column + 1:
        return Problem(shown, line, col, f"YAML syntax error: expected one of {what} that starts at line "
                                         f"{opened.line + 1} here, in line with them; check the indentation of "
                                         "this line and of the lines before it")
    return Problem(shown, line, col, f"YAML syntax error: this line is indented to column {col}, but {what} that "
                                     f"starts at line {opened.line + 1} {where} {opened.column + 1}: indent it like "
                                     "them")


def _misplaced_key(text: str, shown: str, line: int, col: int) -> Problem | None:
    """A colon that starts a key at the head of a line out of step with the line before (an indentation
    mistake the parser reports as a colon inside a value); None for a colon inside a value."""
    lines = text.split("\n")
    own = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(own) - len(own.lstrip(" "))
    head = own[indent:col - 1]
    if not head or ": " in head or not re.fullmatch(r"[\w.-]+", head):
        return None
    if len(head) > _KEY_MOST:        # YAML gave up on the key (the line before may be in step): say so
        return _long_key(shown, line, indent + 1, len(head))
    previous = _line_before(lines, line - 1)
    if previous is None:
        return None
    before = _key_column(lines[previous])
    if before == indent:             # in step: the line before is a key that lost its colon (the parser read on)
        return _colonless(shown, lines[previous][before:], previous, before)
    if before < indent:
        shallow = _too_little(shown, lines, previous, line, indent)
        if shallow is not None:
            return shallow
    return Problem(shown, line, indent + 1,
                   f"YAML syntax error: {shorten(head)!r} reads as a key at column {indent + 1}, but line {previous + 1} "
                   f"before it is indented to column {before + 1}: the keys of one mapping line up, so indent them "
                   f"alike (or, if line {previous + 1} continues the value before it, put that value in quotes)")


def _key_column(line: str) -> int:
    """The 0-based column where the text of ``line`` starts (a list item's keys start after its ``- ``)."""
    item = re.match(r" *(- +)?", line)
    return item.end() if item is not None else 0


def _too_little(shown: str, lines: list[str], shallow: int, after: int, column: int) -> Problem | None:
    """The key on the (0-based) line ``shallow``, indented less than the keys of its mapping on the lines
    either side of it (the 1-based line ``after`` and the line before, both at the 0-based ``column``):
    the parser reads on and gives up at ``after``, so the key is named at its own line, with the column
    expected and the one found; None when ``shallow`` holds no key or the line before it is not a key at
    ``column``."""
    own = lines[shallow]
    found = _key_column(own)
    key = re.match(r"([\w.-]+):(\s|$)", own[found:])
    earlier = _line_before(lines, shallow)
    if key is None or earlier is None or _key_column(lines[earlier]) != column \
            or re.match(r"[\w.-]+:(\s|$)", lines[earlier][column:]) is None:
        return None
    return Problem(shown, shallow + 1, found + 1,
                   f"YAML syntax error: the key {shorten(key.group(1))!r} is indented too little: the keys of its mapping "
                   f"(line {earlier + 1} before it, line {after} after it) are at column {column + 1}; expected "
                   f"column {column + 1}, found column {found + 1}: indent it like them")


def _runaway_quote(text: str, shown: str, mark: yaml.Mark | None) -> Problem | None:
    """A quote left open on its line and closed by a later quote: the quoted text runs on over lines
    indented no deeper than the line it opens on (lines of keys, not a continued value), and the
    parser gives up at or after its end. Reported where the quote opens; None when there is none."""
    if mark is None:
        return None
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass
    lines = text.split("\n")
    for token in reversed(tokens):
        start, end = token.start_mark, token.end_mark
        if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'") or start.line == end.line \
                or end.index > mark.index:
            continue
        opening = lines[start.line]
        indent = len(opening) - len(opening.lstrip(" "))
        if any(lines[k].strip() and len(lines[k]) - len(lines[k].lstrip(" ")) <= indent
               for k in range(start.line + 1, end.line + 1)):
            return Problem(shown, start.line + 1, start.column + 1,
                           f"YAML syntax error: the quote opened at {start.line + 1}:{start.column + 1} runs on to "
                           f"{end.line + 1}:{end.column}, where the next {token.style} closes it: close the quote on "
                           f"line {start.line + 1}")
        return None
    return None


def _no_space_after_colon(text: str, shown: str, opened: yaml.Mark) -> Problem | None:
    """A key written with no space after its colon (``reservation:0.3``): YAML reads the whole line as
    text, and the parser gives up on the line after it. Reported at that line; None otherwise."""
    lines = text.split("\n")
    own = lines[opened.line] if opened.line < len(lines) else ""
    found = _GLUED.match(own, opened.column)
    if found is None:
        return None
    key, value = shorten(found.group(1)), shorten(own[found.end():].split(" #")[0].strip())
    return Problem(shown, opened.line + 1, found.end(),
                   f"YAML syntax error: no space after the colon of {key!r}: YAML reads '{key}:{value}' as text, not "
                   f"as a key and its value; add a space after the colon ({key}: {value})")


def _no_colon(text: str, shown: str, opened: yaml.Mark) -> Problem | None:
    """A key the parser could not finish, reported where it starts: a line of a mapping with no colon
    after its words (``reservation 0.35``: the parser gives up on the line after it), or a key longer
    than YAML reads; None when the line holds neither."""
    lines = text.split("\n")
    own = (lines[opened.line] if opened.line < len(lines) else "")[opened.column:]
    colon = re.search(r":(\s|$)", own)
    if colon is not None and colon.start() > _KEY_MOST:
        return _long_key(shown, opened.line + 1, opened.column + 1, colon.start())
    return _colonless(shown, own, opened.line, opened.column)


def _long_key(shown: str, line: int, col: int, length: int) -> Problem:
    """The one message for a key of ``length`` characters, longer than YAML reads, wherever the parser gives up."""
    return Problem(shown, line, col, f"YAML syntax error: a key of {count(length, 'character')}: YAML reads a key of "
                                     f"at most {_KEY_MOST:,} characters on one line; expected a key such as the "
                                     "schema's (an id has at most 48)")


def _flow_item_without_dash(text: str, shown: str, opened: yaml.Mark) -> Problem | None:
    """A ``{...}`` or ``[...]`` item of a list written without its ``- `` (the parser reads it as a key and gives up
    on the line after it): named at its own line when the list's item before it begins with ``-`` at its column;
    None otherwise."""
    lines = text.split("\n")
    own = lines[opened.line] if opened.line < len(lines) else ""
    if not own[opened.column:].startswith(("{", "[")) or own[:opened.column].strip():
        return None
    return _forgot_dash(shown, lines, bare=opened.line, dashed=_line_before(lines, opened.line), column=opened.column)


def _first_item_without_dash(text: str, shown: str, mark: yaml.Mark | None) -> Problem | None:
    """A list's first item written ``{...}`` or ``[...]`` without its ``- ``, the next item with one: YAML takes the
    first as the key's whole value and gives up at the ``-``; named at the first item's line. None otherwise."""
    if mark is None:
        return None
    lines = text.split("\n")
    own = lines[mark.line] if mark.line < len(lines) else ""
    if not own[mark.column:].startswith("- "):
        return None
    return _forgot_dash(shown, lines, bare=_line_before(lines, mark.line), dashed=mark.line, column=mark.column)


def _forgot_dash(shown: str, lines: list[str], bare: int | None, dashed: int | None, column: int) -> Problem | None:
    """"did you forget '- '": line ``bare`` holds a ``{``/``[`` item and line ``dashed`` a ``- `` item of the same
    list, both at ``column`` (0-based lines); named at ``bare``, pointing to the item that has its dash (before it
    or after it). None when the two lines are not such a pair."""
    if bare is None or dashed is None:
        return None
    item, other = lines[bare], lines[dashed]
    if (len(item) - len(item.lstrip()) != column or len(other) - len(other.lstrip()) != column
            or not item.lstrip().startswith(("{", "[")) or not other.lstrip().startswith("- ")):
        return None
    bracket = item.lstrip()[0]
    where = ("The items of the list begin" if dashed < bare else "The next item of the list begins")
    return Problem(shown, bare + 1, column + 1,
                   f"YAML syntax error: did you forget '- ' before line {bare + 1}? {where} with '-' at column "
                   f"{column + 1} (line {dashed + 1}); expected '- {bracket}', found '{bracket}'")


def _line_before(lines: list[str], line: int) -> int | None:
    """The (0-based) line before ``line`` that holds something other than a comment; None when none does."""
    return next((k for k in range(line - 1, -1, -1) if lines[k].strip() and not lines[k].lstrip().startswith("#")),
                None)


def _colonless(shown: str, own: str, line: int, column: int) -> Problem | None:
    """The problem of ``own``, the text from ``column`` of the (0-based) ``line``, when it is a key's
    words with no colon after them; None when it has a colon (or nothing)."""
    written = own.split(" #")[0].rstrip()
    if not written or re.search(r":(\s|$)", written):
        return None
    key, _, value = written.partition(" ")
    fix = f"{key}: {value.strip()}" if value.strip() else f"{key}: VALUE"
    return Problem(shown, line + 1, column + 1,
                   f"YAML syntax error: {shorten(written)!r} has no colon, but the lines around it are keys of a "
                   f"mapping: expected a key, a colon and a space, then its value ({shorten(fix)})")


def _where(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark                                          # where the parser gave up
    return "the end of the file" if mark is None or "end of stream" in (exc.problem or "") else f"line {mark.line + 1}"
