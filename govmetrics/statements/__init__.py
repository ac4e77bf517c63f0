"""Statements: find quantified statements (targets and actuals) in normalized text.

The stage works sentence by sentence on the normalized text (see
:mod:`govmetrics.text.normalize`) and returns drafts (:class:`Fact`) with spans in
the normalized text, plus every number it saw but did not place, with the
reason (:class:`Unplaced`). A draft holds only what its sentence says; the
document's context (year, role, period) is given later by
:mod:`govmetrics.resolve`.

Rooms:

- :mod:`.scanner` -- the vocabularies compiled into tokens (the extractor);
- :mod:`.sentence` -- word rules: what each word does to the reading of a sentence;
- :mod:`.figure` -- figure rules: ordered tables of named rules for the
  indicator and the measure of each figure (the parser);
- :mod:`.words` -- word-level helpers (scopes, years, modifiers, filler words);
- :mod:`.shortcuts` -- speed shortcuts, each tested against its plain definition;
- :mod:`.finder` -- lines and sentences to drafts.
"""

from ..model import Fact, Unplaced
from .figure import FIGURE_GATES, INDICATOR_RULES, MEASURE_RULES
from .finder import find_statements
from .scanner import Tok, scan, tokenize, vocab
from .sentence import CUE_EFFECTS, WORD_RULES

__all__ = ["CUE_EFFECTS", "FIGURE_GATES", "Fact", "INDICATOR_RULES", "MEASURE_RULES", "Tok",
           "Unplaced", "WORD_RULES", "find_statements", "scan", "tokenize", "vocab"]
