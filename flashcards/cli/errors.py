"""User mistakes: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

__all__ = ["UsageError", "UserError"]


class UserError(Exception):
    """Something the user can fix; exits 1."""

    exit_code = 1


class UsageError(UserError):
    """A wrong command line; exits 2."""

    exit_code = 2
