"""``RequestsRelogin``: the re-login flow of ``cca_result_codes.auth`` for requests."""

from __future__ import annotations

from functools import partial

import requests
import requests.auth
from requests.utils import rewind_body

from .auth import TokenKeeper, is_unknown_token, may_say_unknown_token

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["RequestsRelogin"]

# requests and httpx look header names up in any case: the name is written once, here.
_CONTENT_TYPE = "content-type"


class RequestsRelogin(requests.auth.AuthBase):
    """Puts the token on each request; logs in again, once, on ``UnknownToken``.

    *login* takes no arguments and returns the token. The token goes in the
    *header* (``Token`` by default), or *apply(request, token)* puts it on the
    ``PreparedRequest``. Use it as ``session.auth = RequestsRelogin(login)``.

    Its response hook runs before the session's hooks, so ``requests_hook``
    sees the reply to the resent request.
    """

    def __init__(
        self,
        login: Callable[[], str],
        *,
        header: str | None = None,
        apply: Callable[[requests.PreparedRequest, str], object] | None = None,
    ) -> None:
        self._keeper = TokenKeeper(login, header, apply)

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        token, generation = self._keeper.current()
        # Kept without the token, so that apply= never sees a request it already changed.
        pristine = request.copy()
        self._keeper.put(request, token)
        # Before the session's hooks, which prepare_hooks() adds after auth: requests_hook then
        # sees the reply to the resent request.
        request.hooks["response"].append(partial(self._on_response, pristine, generation))
        return request

    def _on_response(
        self,
        pristine: requests.PreparedRequest,
        generation: int,
        response: requests.Response,
        **send_options: Any,
    ) -> requests.Response:
        if not _says_unknown_token(response):
            return response
        token = self._keeper.renew(generation, f"{pristine.method} {pristine.url}")
        response.close()  # its body is read: the connection goes back to the pool
        resend = pristine.copy()
        self._keeper.put(resend, token)
        if resend._body_position is not None:  # type: ignore[attr-defined]  # a file body: read it again
            rewind_body(resend)
        # The adapter that sent the first request, as requests' own HTTPDigestAuth resends.
        again: requests.Response = response.connection.send(resend, **send_options)
        again.history.append(response)
        again.request = resend
        if _says_unknown_token(again):
            from .envelope import from_response

            from_response(again).raise_for_result()  # errors.UnknownToken
        return again


def _says_unknown_token(response: requests.Response) -> bool:
    if not may_say_unknown_token(response.status_code, response.headers.get(_CONTENT_TYPE)):
        return False
    return is_unknown_token(response)
