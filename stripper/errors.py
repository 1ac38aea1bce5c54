"""Errors that end in exit code 2, each able to say where it happened."""

from __future__ import annotations


class StripperError(Exception):
    """Base class: a message fit for one line of stderr."""

    exit_code = 2


class RuleError(StripperError):
    """A rule file is broken: `path:line:col: message`."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # one line, whatever a quoted value held
        return f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")


class RuleTimeout(StripperError):
    """A rule's regex ran past its time limit on some document."""

    def __init__(self, rule_id: str, origin: str, source: str):
        self.rule_id, self.origin, self.source = rule_id, origin, source
        super().__init__(f"{source}: rule {rule_id} ({origin}) timed out; document left unchanged")


class InputError(StripperError):
    """An input file cannot be read or decoded."""
