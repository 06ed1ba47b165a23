"""Errors of the admin commands, shared by the modules that raise them."""

from __future__ import annotations


class AdminError(Exception):
    """An admin command cannot be done as asked; the message says what to fix."""
