"""Shared test set-up: hypothesis profiles.

The default profile keeps CI quick. ``HYPOTHESIS_PROFILE=fuzz`` runs the same
properties with many more examples; see benchmarks/README.md.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None)
# Mutation testing runs the suite once per mutant: fewer examples, same properties.
settings.register_profile("mutation", max_examples=30, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
