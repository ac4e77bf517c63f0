"""What every subcommand shares, without pandas: the program name, the failed documents, the paths.

The command line imports this module (and :mod:`._parser`) on every run; the
subcommands themselves (:mod:`._commands`, which load pandas) are imported
only when one of them runs, so ``govmetrics table`` can print the stored
table (:mod:`._stored`) without loading pandas.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import GovmetricsError

PROG = "govmetrics"

#: documents of this run that could not be read (listed on stderr; exit status 1)
_FAILED: list[str] = []


def _document_paths(inputs: Sequence[str]) -> list[Path]:
    """The documents of ``inputs`` (the suffix rules of :mod:`govmetrics.text.suffixes`).

    Files that will not be read are listed on stderr as skipped, with the reason.

    Parameters
    ----------
    inputs : sequence of str
        Files or folders.

    Returns
    -------
    list of pathlib.Path
        The documents to read.

    Raises
    ------
    GovmetricsError
        When there is no document to read.
    """
    from ..text.suffixes import document_paths

    files, skipped = document_paths(list(inputs))
    for sk in skipped:
        print(f"{PROG}: skipped: {sk.path}: {sk.reason}", file=sys.stderr)
    if not files:
        raise GovmetricsError(f"{', '.join(map(str, inputs))}: no documents to read")
    return files
