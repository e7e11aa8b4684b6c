"""``python -m cca_result_codes`` runs the ``cca-codes`` command."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
