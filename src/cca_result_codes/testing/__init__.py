"""Build CcaWebApi envelopes for tests (placeholder; filled in by the testing-kit work)."""
