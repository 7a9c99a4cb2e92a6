"""YAML syntax errors in words an author can act on, at the place to fix.

The parser's own messages name the parser's state ("while scanning a quoted scalar ... found
unexpected end of stream") and often the place where it gave up rather than the cause. Rules:

* a tab where YAML expects indentation or a value is named as a tab (YAML indents with spaces);
* a quote that is never closed is reported where it opens, not at the end of the file;
* an alias (``*name``) with no anchor (``&name``) before it is named;
* a colon and a space inside a plain value (``title: Talks: the sequel``) starts a new key, which
  is not allowed there: the message says to quote the value;
* anything else keeps the parser's words, after "YAML syntax error:".
"""

from __future__ import annotations

import re

import yaml

from game.errors import Problem

_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")


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
    if "mapping values are not allowed" in problem:
        return Problem(shown, line, col, "YAML syntax error: a colon followed by a space inside a value starts a "
                                         "new key, which is not allowed here; put the whole value in quotes "
                                         "(for example title: \"Talks: the sequel\")")
    what = " ".join(part for part in (context, problem) if part)
    return Problem(shown, line, col, f"YAML syntax error: {what or 'unreadable document'}")


def _where(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark
    if mark is None or "end of stream" in (exc.problem or ""):
        return "the end of the file"
    return f"line {mark.line + 1}"
