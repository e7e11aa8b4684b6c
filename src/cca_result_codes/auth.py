"""Log in again when CcaWebApi says ``UnknownToken``: auth flows for requests and httpx.

Give a login function that returns a token, and the flow does the rest:

- it puts the token on each request, in the ``Token`` header unless told
  otherwise (``header=`` another name, or ``apply=`` a function that puts it
  anywhere);
- on a reply whose envelope says ``UnknownToken`` (102), it logs in once and
  sends the request once more; a second ``UnknownToken`` raises
  ``errors.UnknownToken``;
- many requests that meet an expired token at once cause one login, in
  threads and in asyncio tasks alike.

The first request goes out without a token (there is none yet), meets
``UnknownToken`` and logs in, as a client that logs in on demand does.

>>> from cca_result_codes.auth import RequestsRelogin  # doctest: +SKIP
>>> session.auth = RequestsRelogin(login)               # doctest: +SKIP
>>> client = httpx.Client(auth=HttpxRelogin(login))     # doctest: +SKIP

``RequestsRelogin`` is a ``requests.auth.AuthBase``; ``HttpxRelogin`` an
``httpx.Auth`` for ``httpx.Client`` and ``httpx.AsyncClient``, whose login may
be an ``async def``. Importing this module imports neither library: each
class loads its own on first use.

A login that fails raises its own exception, with a note (on Python 3.10, a
line in its message) naming the request it was for.
"""

from __future__ import annotations

import threading
from functools import partial

from .codes import ResultCode

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import asyncio
    from collections.abc import Awaitable, Callable
    from weakref import WeakKeyDictionary

    from ._relogin_httpx import HttpxRelogin
    from ._relogin_requests import RequestsRelogin

__all__ = ["DEFAULT_HEADER", "RELOGIN_EXTENSION", "HttpxRelogin", "RequestsRelogin"]

DEFAULT_HEADER = "Token"
"""The header that carries the token unless ``header=`` or ``apply=`` says otherwise.

The vendor documents the result codes, not the login: use what your server expects.
"""

RELOGIN_EXTENSION = "cca_result_codes.relogin"
"""The httpx request extension that says a re-login may still follow an ``UnknownToken``.

``HttpxRelogin`` sets it to True on the first send and False on the resend;
``hooks.httpx_hook`` lets an ``UnknownToken`` through while it is True, so
that the flow can log in again.
"""

_LAZY = {"RequestsRelogin": "_relogin_requests", "HttpxRelogin": "_relogin_httpx"}


def __getattr__(name: str) -> object:
    from importlib import import_module

    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module_name}", __package__), name)
    globals()[name] = value
    return value


class TokenKeeper:
    """The token, and the login that renews it once however many requests ask at once.

    Each login bumps ``generation``. A request remembers the generation of
    the token it was sent with; when it meets ``UnknownToken`` it asks for a
    login *after* that generation, and gets the token of a login that
    happened meanwhile instead of logging in again.
    """

    def __init__(
        self,
        login: Callable[[], str] | Callable[[], Awaitable[str]],
        header: str | None,
        apply: Callable[[Any, str], object] | None,
    ) -> None:
        if not callable(login):
            raise TypeError(f"login must be callable, not {type(login).__name__}")
        if header is not None and apply is not None:
            raise TypeError("give header= or apply=, not both")
        if header is not None and (not isinstance(header, str) or not header):
            raise TypeError(f"header must be a header name, not {header!r}")
        if apply is not None and not callable(apply):
            raise TypeError(f"apply must be callable, not {type(apply).__name__}")
        self.login = login
        self.header = DEFAULT_HEADER if header is None else header
        self.apply = apply
        self.token: str | None = None
        self.generation = 0
        # Re-entrant: a login that sends its request through this same auth reads the token.
        self._lock = threading.RLock()
        self._async_locks: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] | None
        self._async_locks = None

    def current(self) -> tuple[str | None, int]:
        """The token (None before the first login) and its generation."""
        with self._lock:
            return self.token, self.generation

    def put(self, request: Any, token: str | None) -> None:
        """Put *token* on *request* (nothing when there is none yet)."""
        if token is None:
            return
        if self.apply is None:
            request.headers[self.header] = token
        else:
            self.apply(request, token)

    def renew(self, seen: int, request_name: str) -> str:
        """The token of a login after generation *seen*, logging in if none happened yet."""
        with self._lock:
            if self.generation != seen:
                return self.token  # type: ignore[return-value]  # a login set it
            try:
                result = self.login()
                token = _checked(result)
            except BaseException as error:
                name_request(error, request_name)
                raise
            self.token, self.generation = token, self.generation + 1
            return token

    async def arenew(self, seen: int, request_name: str) -> str:
        """As ``renew()``, for asyncio tasks: the login may be a coroutine function."""
        async with self._async_lock():
            token, generation = self.current()
            if generation != seen:
                return token  # type: ignore[return-value]  # a login set it
            try:
                result: object = self.login()
                if _is_awaitable(result):
                    result = await result
                token = _checked(result)
            except BaseException as error:
                name_request(error, request_name)
                raise
            with self._lock:
                self.token, self.generation = token, self.generation + 1
            return token

    def _async_lock(self) -> asyncio.Lock:
        # An asyncio.Lock belongs to one event loop: one per loop, forgotten with the loop.
        import asyncio
        from weakref import WeakKeyDictionary

        loop = asyncio.get_running_loop()
        with self._lock:
            if self._async_locks is None:
                self._async_locks = WeakKeyDictionary()
            return self._async_locks.setdefault(loop, asyncio.Lock())


if TYPE_CHECKING:
    from typing import Any, TypeGuard


def _is_awaitable(value: object) -> TypeGuard[Awaitable[object]]:
    from inspect import isawaitable

    return isawaitable(value)


def _checked(token: object) -> str:
    if _is_awaitable(token):
        from inspect import iscoroutine

        if iscoroutine(token):
            token.close()  # never awaited: closed, so that Python does not warn about it
        raise TypeError(
            "login returned an awaitable: an async login needs httpx.AsyncClient and"
            " HttpxRelogin; with requests or httpx.Client, log in with a plain function"
        )
    if not isinstance(token, str):
        raise TypeError(f"login must return the token as a str, not {type(token).__name__}")
    return token


def name_request(error: BaseException, request_name: str) -> None:
    """Say in *error* which request the failed login was for: a note, or on 3.10 its message."""
    note = f"while logging in again for {request_name}"
    getattr(error, "add_note", partial(append_to_message, error))(note)


def append_to_message(error: BaseException, note: str) -> None:
    """Python 3.10 has no exception notes: the note goes at the end of the message."""
    first, *rest = error.args or ("",)
    error.args = (f"{first}\n{note}".lstrip("\n"), *rest)


def is_unknown_token(response: Any) -> bool:
    """True when the (already read) body of *response* is an envelope saying ``UnknownToken``."""
    from .envelope import from_response
    from .errors import EnvelopeError

    try:
        return from_response(response).result_code is ResultCode.UnknownToken
    except EnvelopeError:
        return False


def may_say_unknown_token(status: int, content_type: str | None) -> bool:
    """Whether a response is worth reading for ``UnknownToken``, by its status and type.

    A redirect is not, and neither is a 2xx body that is not JSON (a download).
    """
    if 200 <= status < 300:
        if content_type is None:
            return False
        media_type = content_type.partition(";")[0].strip().lower()
        return media_type in ("application/json", "text/json") or media_type.endswith("+json")
    return not 300 <= status < 400
