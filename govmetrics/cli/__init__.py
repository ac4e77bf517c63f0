"""The ``govmetrics`` command line: ``extract``, ``outline``, ``table``, ``plot``, ``datasets``.

Every subcommand has ``--help`` with an example. Errors that govmetrics
raises on purpose print one line to stderr and exit with status 2. Documents
that cannot be read are listed on stderr, one line each with the reason; the
others are read, and the exit status is then 1. An output file is never an
input. ``govmetrics table`` with no options, in a folder with ``data/raw``,
prints the stored ``data/processed/table.txt`` while its stamp is current
(:mod:`._stored`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..errors import GovmetricsError
from ._parser import build_parser
from ._state import _FAILED, PROG
from ._stored import print_stored_table

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govmetrics`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 2 on a usage error or a
        :class:`govmetrics.GovmetricsError` (printed as one line to stderr).

    Examples
    --------
    >>> main(["datasets"])  # doctest: +ELLIPSIS
    dev...
    0
    """
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # accepted anywhere on the line
    argv = [a for a in argv if a != "--debug"]
    try:
        args = parser.parse_args(argv)
        args.debug = debug
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        _FAILED.clear()
        if print_stored_table(args, parser, sys.stdout):  # `govmetrics table`, without pandas
            return 0
        status = int(args.func(args, sys.stdout) or 0)
        return 1 if _FAILED and status == 0 else status
    except GovmetricsError as exc:
        lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
        print(f"{PROG}: error: {'; '.join(lines) or type(exc).__name__}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except OSError as exc:  # unwritable output and the like
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"{PROG}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an unexpected error: one line, the traceback with --debug
        if args.debug:
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"{PROG}: internal error: {type(exc).__name__}: {first} "
              f"(rerun with --debug for the traceback)", file=sys.stderr)
        return 1
