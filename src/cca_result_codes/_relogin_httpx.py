"""``HttpxRelogin``: the re-login flow of ``cca_result_codes.auth`` for httpx, sync and async."""

from __future__ import annotations

import httpx

from .auth import RELOGIN_EXTENSION, TokenKeeper, is_unknown_token, may_say_unknown_token

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Awaitable, Callable, Generator

__all__ = ["HttpxRelogin"]

# requests and httpx look header names up in any case: the name is written once, here.
_CONTENT_TYPE = "content-type"


class HttpxRelogin(httpx.Auth):
    """Puts the token on each request; logs in again, once, on ``UnknownToken``.

    *login* takes no arguments and returns the token; with
    ``httpx.AsyncClient`` it may be an ``async def``, which is awaited. The
    token goes in the *header* (``Token`` by default), or *apply(request,
    token)* puts it on the ``httpx.Request``. Use it as
    ``httpx.Client(auth=HttpxRelogin(login))``.

    httpx runs event hooks inside the auth flow, before the flow sees the
    reply: the flow marks its first send with the request extension
    ``RELOGIN_EXTENSION``, and ``hooks.httpx_hook`` lets ``UnknownToken``
    through while it is set, so both work together.
    """

    def __init__(
        self,
        login: Callable[[], str] | Callable[[], Awaitable[str]],
        *,
        header: str | None = None,
        apply: Callable[[httpx.Request, str], object] | None = None,
    ) -> None:
        self._keeper = TokenKeeper(login, header, apply)

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        request.read()  # the body is sent twice when a login comes between
        name = _name(request)  # before apply= may put the token in the URL
        token, generation = self._keeper.current()
        self._keeper.put(request, token)
        request.extensions[RELOGIN_EXTENSION] = True
        response = yield request
        if not _may_say_unknown_token(response):
            return
        response.read()
        if not is_unknown_token(response):
            return
        token = self._keeper.renew(generation, name)
        self._keeper.put(request, token)
        request.extensions[RELOGIN_EXTENSION] = False
        response = yield request
        if _may_say_unknown_token(response):
            response.read()
            _raise_if_unknown_token(response)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        await request.aread()
        name = _name(request)
        token, generation = self._keeper.current()
        self._keeper.put(request, token)
        request.extensions[RELOGIN_EXTENSION] = True
        response = yield request
        if not _may_say_unknown_token(response):
            return
        await response.aread()
        if not is_unknown_token(response):
            return
        token = await self._keeper.arenew(generation, name)
        self._keeper.put(request, token)
        request.extensions[RELOGIN_EXTENSION] = False
        response = yield request
        if _may_say_unknown_token(response):
            await response.aread()
            _raise_if_unknown_token(response)


def _name(request: httpx.Request) -> str:
    return f"{request.method} {request.url}"


def _may_say_unknown_token(response: httpx.Response) -> bool:
    return may_say_unknown_token(response.status_code, response.headers.get(_CONTENT_TYPE))


def _raise_if_unknown_token(response: httpx.Response) -> None:
    if is_unknown_token(response):
        from .envelope import from_response

        from_response(response).raise_for_result()  # errors.UnknownToken
