"""``python -m cca_result_codes`` and the ``cca-codes`` script run the command here.

``run()`` is the script's entry point. It imports the command inside its own
guard, so that Ctrl-C while the command loads ends it quietly with status 130,
as Ctrl-C at any later moment does, rather than with a traceback.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as cli says


def run() -> NoReturn:
    """Run ``cca-codes`` with ``sys.argv`` and exit with its status."""
    try:
        from .cli import main

        status = main()
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    raise SystemExit(status)


if __name__ == "__main__":
    run()
