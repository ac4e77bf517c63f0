"""Task-level targets of bulletins and breakdowns, their progress, their owners.

Public functions: :func:`tasks` and :func:`accountability`.
"""

from __future__ import annotations

from .frame import TASK_COLUMNS, tasks, tasks_text

__all__ = ["TASK_COLUMNS", "tasks", "tasks_text"]
