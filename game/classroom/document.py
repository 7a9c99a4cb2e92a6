"""A tiny document model with two renderings, Markdown and print-ready HTML, so that each
classroom text (a brief, the instructor's sheet, the debrief) is written once."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

CSS = """body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:50em;margin:2em auto;color:#111;line-height:1.4}
h1{font-size:1.6em;border-bottom:2px solid #333}h2{font-size:1.2em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em;text-align:left}
td.num{text-align:right}tr.group td{background:#eee;font-weight:bold}
pre{background:#f4f4f4;padding:.4em .6em;white-space:pre-wrap}code,pre{font-family:"DejaVu Sans Mono",monospace}
.confidential{color:#a00;font-weight:bold;letter-spacing:.1em}img{max-width:100%}
.section{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid;break-after:avoid}
table,pre,ul{page-break-inside:avoid;break-inside:avoid}.page{page-break-before:always;break-before:page}}
@media screen and (max-width:600px){body{margin:.5em;overflow-wrap:break-word}
table{display:block;max-width:100%;overflow-x:auto}td,th{overflow-wrap:normal;min-width:2.5em}}"""


def _md(text: str) -> str:
    """Text for Markdown: ``&``, ``<`` and ``>`` as entities, so no inline HTML gets through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False          # shown in bold (a confidentiality line)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    src: str                    # a relative path, or a data: URI for a self-contained page
    alt: str


@dataclass(frozen=True)
class Code:
    text: str                   # a command or commands, shown in monospace


@dataclass(frozen=True)
class PageBreak:
    """Printing starts a new page here."""


Block = Heading | Para | Bullets | Table | Image | Code | PageBreak


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def h2(self, text: str) -> None:
        self.blocks.append(Heading(text))

    def p(self, text: str) -> None:
        self.blocks.append(Para(text))

    def note(self, text: str) -> None:
        self.blocks.append(Para(text, note=True))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(Bullets(tuple(items)))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(Table(tuple(header), tuple(tuple(str(c) for c in r) for r in rows)))

    def image(self, src: str, alt: str) -> None:
        self.blocks.append(Image(src, alt))

    def code(self, text: str) -> None:
        self.blocks.append(Code(text))

    def page(self) -> None:
        self.blocks.append(PageBreak())

    def markdown(self) -> str:
        """Markdown, with ``&``, ``<`` and ``>`` written as entities in every text that came from a file, so
        no inline HTML (a ``<script>`` in a scenario's title) gets through a renderer; code blocks are
        shown verbatim by Markdown and keep their text."""
        e = _md
        out = [f"# {e(self.title)}", ""]
        for block in self.blocks:
            if isinstance(block, Heading):
                out += [f"## {e(block.text)}", ""]
            elif isinstance(block, Para):
                out += [f"**{e(block.text)}**" if block.note else e(block.text), ""]
            elif isinstance(block, Bullets):
                out += [f"- {e(item)}" for item in block.items] + [""]
            elif isinstance(block, Table):
                out.append("| " + " | ".join(e(h) for h in block.header) + " |")
                out.append("|" + "---|" * len(block.header))
                out += ["| " + " | ".join(e(c).replace("|", "/") for c in row) + " |" for row in block.rows] + [""]
            elif isinstance(block, Code):
                out += ["```text", block.text, "```", ""]
            elif isinstance(block, PageBreak):
                out += ["---", ""]
            else:
                out += [f"![{e(block.alt)}]({block.src})", ""]
        return "\n".join(out)

    def html(self) -> str:
        """Print-ready HTML, every text escaped; a heading and the block after it never print apart."""
        e = html.escape
        out = [(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width,initial-scale=1'><title>{e(self.title)}</title>"
                f"<style>{CSS}</style></head><body>"), f"<h1>{e(self.title)}</h1>"]
        parts = [_html(block) for block in self.blocks]
        index = 0
        while index < len(parts):
            if isinstance(self.blocks[index], Heading) and index + 1 < len(parts):
                out.append(f"<div class='section'>{parts[index]}\n{parts[index + 1]}</div>")
                index += 2
            else:
                out.append(parts[index])
                index += 1
        out.append("</body></html>")
        return "\n".join(out)


def _html(block: Block) -> str:
    e = html.escape
    if isinstance(block, Heading):
        return f"<h2>{e(block.text)}</h2>"
    if isinstance(block, Para):
        return f"<p class='confidential'>{e(block.text)}</p>" if block.note else f"<p>{e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        return ("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in block.header) + "</tr>"
                + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows)
                + "</table>")
    if isinstance(block, Code):
        return f"<pre><code>{e(block.text)}</code></pre>"
    if isinstance(block, PageBreak):
        return "<div class='page'></div>"
    return f"<img src='{e(block.src)}' alt='{e(block.alt)}'>"
