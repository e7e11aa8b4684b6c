"""hypothesis plugin entry point (placeholder)."""

from __future__ import annotations


def register() -> None:
    """Register this library's strategies with hypothesis."""
