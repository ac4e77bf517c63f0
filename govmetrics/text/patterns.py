"""Regex helpers for the vocabularies: tries, plain words, required literals.

Python's ``re`` skips positions fast only when a pattern starts with a plain
character or a character set, and tries the alternatives of a group one by
one. These helpers build patterns that keep to that (tries of words, leading
groups expanded) and derive plain words a pattern cannot match without, for
cheap pre-filters (``str.find`` before a regex). They sit below every stage
that compiles vocabularies (:mod:`govmetrics.text.normalize`,
:mod:`govmetrics.text.metadata`, :mod:`govmetrics.statements`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: The CJK ideograph ranges (Extension A and the Unified block), for character classes.
CJK = "\u3400-\u4dbf\u4e00-\u9fff"

__all__ = ["consumed_chars", "is_literal", "literal_first", "lookahead_words",
           "required_literal", "required_words", "top_alternatives", "trie_regex",
           "without_lookarounds"]


_REGEX_META = re.compile(r"[\\\[\](){}.*+?|^$]")


def is_literal(pat: str) -> bool:
    """True when a vocabulary pattern has no regex syntax.

    Examples
    --------
    >>> is_literal("地区生产总值"), is_literal("第?[一1]季度")
    (True, False)
    """
    return not _REGEX_META.search(pat)


def trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, factored as a trie.

    A trie-shaped pattern lets the regex engine reject a position after one
    character instead of trying every word, which keeps scanning fast.

    Examples
    --------
    >>> re.fullmatch(trie_regex(["增长", "增速", "增"]), "增速") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def top_alternatives(pat: str) -> list[str]:
    """The top-level alternatives of a pattern.

    Examples
    --------
    >>> top_alternatives("增(?:长|速)|下降")
    ['增(?:长|速)', '下降']
    """
    alts: list[str] = []
    start = 0
    for i, ch, depth in _walk(pat):
        if ch == "|" and depth == 0:
            alts.append(pat[start:i])
            start = i + 1
    alts.append(pat[start:])
    return alts


def _walk(pat: str) -> Iterator[tuple[int, str, int]]:
    """Each character of ``pat`` outside escapes, with its index and the group depth after it.

    Groups and character sets both count as a level.
    """
    depth = 0
    i = 0
    while i < len(pat):
        ch = pat[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        yield i, ch, depth
        i += 1


_PLAIN = r"[^\\\[\](){}.*+?|^$]"
#: a leading set of plain characters, optionally optional: [一1] / [一1]?
_OPEN_CLASS = re.compile(r"\[([^\\\]^-]+)\](\?)?(?![*+{]|\?)")
#: a leading plain character made optional: 第?
_OPEN_OPTIONAL = re.compile(rf"({_PLAIN})\?(?![*+{{]|\?)")


def _open_group(alt: str) -> tuple[list[str], bool, str] | None:
    """A leading ``(?:...)`` group of ``alt``: its alternatives, whether it is optional, the rest.

    None when ``alt`` does not start with such a group, or when a repeat other
    than a greedy ``?`` follows it.
    """
    if not alt.startswith("(?:"):
        return None
    i = next((i for i, ch, depth in _walk(alt) if depth == 0 and ch in ")]"), None)
    if i is None:
        return None
    rest = alt[i + 1:]
    optional = rest.startswith("?")
    if optional:
        rest = rest[1:]
    if rest[:1] in ("*", "+", "{", "?"):
        return None
    return top_alternatives(alt[3:i]), optional, rest


def literal_first(pat: str) -> list[str] | None:
    """Alternatives of ``pat`` that each start with a plain character, or None.

    A leading group of plain words or a leading character set is expanded,
    and so is a leading optional part (``(?:研发|R&D)投入`` gives ``研发投入``
    and ``R&D投入``; ``第?[一1]季度`` gives ``第[一1]季度``, ``一季度`` and
    ``1季度``). The alternatives match what ``pat`` matches, in the same order
    of preference at a position.

    Examples
    --------
    >>> literal_first("(?:研发|R&D)(?:经费)?投入")
    ['研发(?:经费)?投入', 'R&D(?:经费)?投入']
    >>> literal_first("[一二]产增加值|人均GDP")
    ['一产增加值', '二产增加值', '人均GDP']
    >>> literal_first("第?[一1]季度")
    ['第[一1]季度', '一季度', '1季度']
    >>> literal_first("(?:500万元以上(?:项目)?)?固定资产投资")
    ['500万元以上(?:项目)?固定资产投资', '固定资产投资']
    >>> literal_first(r"\\d+亿") is None
    True
    """
    out: list[str] = []
    todo = top_alternatives(pat)
    while todo:
        alt = todo.pop(0)
        if not alt:
            return None
        group = _open_group(alt)
        if group is not None:
            heads, optional, rest = group
        elif (m := _OPEN_CLASS.match(alt)) is not None:
            heads, optional, rest = list(m.group(1)), bool(m.group(2)), alt[m.end():]
        if group is not None or m is not None:
            # in order: each head, then (a greedy ?) going without the part
            todo[:0] = [h + rest for h in heads] + ([rest] if optional else [])
            continue
        m = _OPEN_OPTIONAL.match(alt)
        if m:
            todo[:0] = [m.group(1) + alt[m.end():], alt[m.end():]]
            continue
        if alt[0] in "\\[](){}.*+?|^$" or (len(alt) > 1 and alt[1] in "?*+{"):
            return None
        out.append(alt)
    return out


_QUANTIFIER = frozenset("?*+{")


def required_words(pat: str) -> list[str]:
    """Plain strings one of which every match of ``pat`` contains.

    One per top-level alternative (:func:`required_literal` of each), or
    ``[pat]`` when an alternative has none.

    Examples
    --------
    >>> required_words("500万元以上(?:项目)?固定资产投资|全社会投资")
    ['固定资产投资', '全社会投资']
    """
    if is_literal(pat):
        return [pat]
    alts = top_alternatives(pat)
    words = [a if is_literal(a) else required_literal(a) for a in alts]
    return words if all(w and is_literal(w) for w in words) else [pat]


def required_literal(pat: str) -> str:
    """The longest run of plain characters every match of ``pat`` contains.

    Only text outside groups counts, and a character that a quantifier follows
    is not required. Returns ``pat`` itself when there is no run of two or
    more characters (a safe, slower test).

    Examples
    --------
    >>> required_literal("(?:500万元以上(?:项目)?)?固定资产投资")
    '固定资产投资'
    >>> required_literal("城镇(?:和|与|、|\\\\s)*农村(?:常住)?居民人均可支配收入")
    '居民人均可支配收入'
    >>> required_literal("规模以上工业企业.{0,12}?产值"), required_literal("增(?:长|速)|下降")
    ('规模以上工业企业', '增(?:长|速)|下降')
    """
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pat):
        ch = pat[i]
        nxt = pat[i + 1] if i + 1 < len(pat) else ""
        if ch == "\\":
            runs.append("".join(run))
            run = []
            i += 2
            continue
        if ch == "{":  # a counted repeat: skip its bounds
            j = pat.find("}", i)
            i = len(pat) if j < 0 else j + 1
            runs.append("".join(run))
            run = []
            continue
        if ch == "(" or ch == "[":
            depth += 1
        elif ch == ")" or ch == "]":
            depth -= 1
        elif ch == "|" and depth == 0:
            return pat  # a top-level alternation: no single required run
        elif depth == 0 and ch not in ".^$" and ch not in _QUANTIFIER and ch != "}":
            if nxt and nxt in _QUANTIFIER:
                runs.append("".join(run))
                run = []
            else:
                run.append(ch)
            i += 1
            continue
        runs.append("".join(run))
        run = []
        i += 1
    runs.append("".join(run))
    # the longest run, preferring one without digits (words recur less than figures)
    best = max(runs, key=lambda r: (not any(c.isdigit() for c in r), len(r)))
    return best if len(best) >= 2 else pat


_WIDEST_RANGE = 64  # a character range wider than this is not listed


def consumed_chars(pat: str) -> frozenset[str] | None:
    """Every character a match of ``pat`` can consume, or None when they cannot be listed.

    Look-arounds consume nothing and are left out; ``\\d`` and ``\\s`` are
    left out too (callers treat digits and spaces apart). None for ``.``,
    other character categories, negated sets and ranges wider than 64
    characters. Reads the pattern with the regex module's own parser.

    Examples
    --------
    >>> sorted(consumed_chars("增(?:长|速)(?!率)"))
    ['增', '速', '长']
    >>> consumed_chars("突破.{0,4}大关") is None
    True
    """
    try:
        from re import _constants as c
        from re import _parser as parser
    except ImportError:  # pragma: no cover - the parser is private to the re module
        return None
    out: set[str] = set()
    skip_categories = {c.CATEGORY_DIGIT, c.CATEGORY_SPACE}

    def walk(items) -> bool:  # noqa: ANN001 - a parsed pattern (private type)
        for op, av in items:
            if op is c.LITERAL:
                out.add(chr(av))
            elif op is c.IN:
                for o, a in av:
                    if o is c.LITERAL:
                        out.add(chr(a))
                    elif o is c.RANGE and a[1] - a[0] <= _WIDEST_RANGE:
                        out.update(chr(x) for x in range(a[0], a[1] + 1))
                    elif not (o is c.CATEGORY and a in skip_categories):
                        return False
            elif op is c.SUBPATTERN:
                if not walk(av[3]):
                    return False
            elif op is c.BRANCH:
                if not all(walk(b) for b in av[1]):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if not walk(av[2]):
                    return False
            elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue
            elif not (op is c.CATEGORY and av in skip_categories):
                return False
        return True

    try:
        ok = walk(parser.parse(pat))
    except Exception:  # noqa: BLE001 - an unexpected parse shape: cannot list
        return None
    return frozenset(out) if ok else None


def without_lookarounds(pat: str) -> str:
    """A pattern without its lookaround groups, to test a matched name on its own.

    ``经济(?=增长|增速)`` finds 经济 only before a growth word, but the name
    matched is 经济 alone, which the whole pattern cannot fullmatch.

    Examples
    --------
    >>> without_lookarounds("经济(?=增长(?![质点])|增速)")
    '经济'
    """
    out, i = [], 0
    while i < len(pat):
        if pat.startswith(("(?=", "(?!", "(?<=", "(?<!"), i) and (i == 0 or pat[i - 1] != "\\"):
            depth, j = 0, i
            while j < len(pat):
                if pat[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(pat[j], 0)
                j += 1
                if depth == 0:
                    break
            i = j
            continue
        out.append(pat[i])
        i += 1
    return "".join(out)


_LOOKAHEAD_LITERAL = re.compile(r"\(\?=([^()|\\\[\].*+?{}^$]+)\)")


def lookahead_words(pat: str) -> str:
    """A pattern whose plain lookaheads are its words, for the words a match's line holds.

    Examples
    --------
    >>> lookahead_words("经济(?=增速)")
    '经济增速'
    """
    return _LOOKAHEAD_LITERAL.sub(lambda m: m.group(1), pat)
