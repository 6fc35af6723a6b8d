"""Errors that reach the user as one line (exit code 2), never as a traceback."""

from __future__ import annotations


class CorpusfixError(Exception):
    """A problem with the user's input or request; ``str(error)`` is the whole message."""


class InputError(CorpusfixError):
    """The input file cannot be used (missing, empty, binary, undecodable, too large)."""


class UsageError(CorpusfixError):
    """A wrong option or combination of options."""


class ChangelogError(CorpusfixError):
    """A change log that is malformed or does not belong to the given original."""


class ConflictError(CorpusfixError):
    """A decision that overlaps another applied change."""


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal (SIGINT, SIGTERM) at a safe point; exit status 128 + signal."""

    def __init__(self, signum: int, message: str) -> None:
        super().__init__(message)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class ModelError(CorpusfixError):
    """The shipped language model cannot be opened (a broken or unusual installation)."""
