"""``govmetrics table`` with no options: the stored table of ``data/raw``, without pandas.

``scripts/build_datasets.py`` stores what ``govmetrics table`` prints in the
repository as ``data/processed/table.txt`` and stamps it
(:func:`govmetrics._processed.stored_table`). When the command is run with
every option at its default, in a folder with ``data/raw``, and the stamp is
current in every part, the stored text is printed instead of loading pandas
and computing the table again; anything else takes the normal path.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ._state import _document_paths

#: Namespace entries that do not change what ``govmetrics table`` prints.
_IGNORED = frozenset({"func", "debug"})


def _comparable(args: argparse.Namespace) -> dict[str, object]:
    """The options of ``args``, with the spellings of the default output made the default.

    ``-o -`` is stdout, and ``--format text`` to stdout is the default format.
    """
    given = {k: v for k, v in vars(args).items() if k not in _IGNORED}
    if given.get("output") == "-":
        given["output"] = None
    if given.get("format") == "text" and given.get("output") is None:
        given["format"] = None
    return given


def at_defaults(args: argparse.Namespace, parser: argparse.ArgumentParser) -> bool:
    """Whether ``args`` is ``govmetrics table`` with every option at its default.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.
    parser : argparse.ArgumentParser
        The parser that parsed it (:func:`govmetrics.cli.build_parser`).

    Returns
    -------
    bool
        ``True`` when ``args`` equals what ``parser`` makes of ``table``
        alone (``--format text``, ``-o -`` and options given at their default
        value count as defaults).

    Examples
    --------
    >>> from govmetrics.cli import build_parser
    >>> p = build_parser()
    >>> at_defaults(p.parse_args(["table", "-f", "text"]), p)
    True
    >>> at_defaults(p.parse_args(["table", "--year", "2022"]), p)
    False
    """
    if getattr(args, "command", None) != "table":
        return False
    return _comparable(args) == _comparable(parser.parse_args(["table"]))


def print_stored_table(args: argparse.Namespace, parser: argparse.ArgumentParser,
                       stdout: TextIO) -> bool:
    """Print the stored table for ``govmetrics table`` at its defaults, if it is current.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.
    parser : argparse.ArgumentParser
        The parser that parsed it.
    stdout : text stream
        Where the table goes.

    Returns
    -------
    bool
        ``True`` when the stored table was printed (with the same notes on
        skipped files on stderr as the normal path); ``False`` when the
        command has to compute it: another command or option, no
        ``data/raw`` here, or a stamp that differs in anything
        (:func:`govmetrics._processed.stored_table`).
    """
    if not at_defaults(args, parser):
        return False
    raw = Path("data/raw")
    if not raw.is_dir():
        return False
    from .._processed import stored_table

    text = stored_table(raw, raw.parent / "processed" / "facts.csv")
    if text is None:
        return False
    _document_paths([str(raw)])  # the same notes on skipped files as the normal path
    stdout.write(text)
    return True
