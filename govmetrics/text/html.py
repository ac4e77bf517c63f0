"""HTML pages reduced to text: scripts and styles dropped, block elements as paragraphs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_HTML_SNIFF = re.compile(r"<\s*(?:html|body|!doctype\s+html)\b", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td "
    "th title ul".split())
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


class _TextParser(HTMLParser):
    """Stdlib fallback: text with block elements as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in _DROP_TAGS:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _tidy_lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip("\n")


def html_to_text(html: str) -> str:
    """Reduce HTML to text: scripts/styles dropped, block elements as paragraphs.

    Block elements (p, div, li, h1 ...) are separated by a blank line, like
    the plain-text documents; ``<br>`` is a single line break.

    Uses BeautifulSoup when installed (``pip install -e ".[html]"``), else
    the standard-library parser.

    Examples
    --------
    >>> html_to_text("<html><body><p>一季度&nbsp;增长8%</p><p>完成<br>全年</p></body></html>")
    '一季度 增长8%\\n\\n完成\\n全年'
    """
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - bs4 is in the html extra
        parser = _TextParser()
        parser.feed(html)
        parser.close()
        return _tidy_lines("".join(parser.parts))
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(list(_BLOCK_TAGS - {"br"})):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return _tidy_lines(soup.get_text())


def _looks_like_html(text: str) -> bool:
    """A text file that is really an HTML page: it starts with a tag and holds <html or <body."""
    head = text[:4096]
    return head.lstrip("\ufeff \t\r\n").startswith("<") and _HTML_SNIFF.search(head) is not None
