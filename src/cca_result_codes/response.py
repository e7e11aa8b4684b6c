"""ApiResponse and RequestInfo: a CcaWebApi envelope as typed objects.

``from_response()`` (in ``envelope``) makes them; this module only holds
them, and turns a failure into its ``CcaApiError``. Both classes are
re-exported by ``cca_result_codes`` and by ``cca_result_codes.envelope``,
where they lived up to 0.1.0, so pickles of that release still load.

>>> from cca_result_codes import from_response
>>> reply = from_response('{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}')
>>> type(reply).__name__, reply.ok
('ApiResponse', False)
"""

from __future__ import annotations

from ._describe import describe_int, short
from .categories import Category
from .codes import ResultCode
from .errors import CcaApiError, _error_for_reply  # pyright: ignore[reportPrivateUsage] -- the package's own
from .legacy import legacy_gap

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Final

    from .versions import ServerVersion

__all__ = ["ApiResponse", "RequestInfo"]

_PENDING = ResultCode.Pending


class RequestInfo:
    """The request an envelope answers: its HTTP method and URL, None where absent.

    >>> RequestInfo("GET", "http://h/CcaWebApi/agents").method
    'GET'
    """

    __slots__ = ("method", "url")

    method: Final[str | None]
    url: Final[str | None]

    def __init__(self, method: str | None, url: str | None) -> None:
        self.method = method
        self.url = url

    def __repr__(self) -> str:
        return f"RequestInfo(method={self.method!r}, url={self.url!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RequestInfo):
            return NotImplemented
        return (self.method, self.url) == (other.method, other.url)

    def __hash__(self) -> int:
        return hash((self.method, self.url))

    def __reduce__(self) -> tuple[type[RequestInfo], tuple[str | None, str | None]]:
        return (RequestInfo, (self.method, self.url))


class ApiResponse:  # noqa: PLW1641 -- payloads may be dicts, so responses are unhashable
    """A parsed CcaWebApi envelope, as ``from_response()`` returns it.

    ``result_code`` is None for a number this library does not know;
    ``raw_code`` always holds the number as sent (None when the envelope
    carried no ResultCode). ``payload`` is the envelope's ``Response`` as
    sent, and ``envelope`` the whole envelope. ``version`` is the version the
    codes were read by, and ``version_text`` the ``Version`` string as sent
    (None when absent or not a string). ``headers`` are the HTTP headers of
    the response it was read from, a read-only case-insensitive mapping
    (None when read from a dict or text).

    A 2xx response with no body (a 204, say) is a success with nothing in
    it: ``result_code`` Success, as for any 2xx without a ResultCode, and
    ``raw_code``, ``version``, ``request`` and ``payload`` None, ``envelope``
    empty: none of them pretends that the server sent it.

    >>> from cca_result_codes import from_response
    >>> reply = from_response({"StatusCode": 200, "Version": "5.4.6.1-beta", "Response": [1]})
    >>> reply.version, reply.version_text
    (ServerVersion(5, 4, 6, 1), '5.4.6.1-beta')
    """

    __slots__ = (
        "envelope",
        "error",
        "headers",
        "payload",
        "raw_code",
        "request",
        "result_code",
        "status_code",
        "version",
        "version_text",
    )

    request: Final[RequestInfo | None]
    version: Final[ServerVersion | None]
    status_code: Final[int]
    result_code: Final[ResultCode | None]
    raw_code: Final[int | None]
    error: Final[str]
    payload: Final[Any]
    envelope: Final[dict[str, Any]]
    version_text: Final[str | None]
    headers: Final[Mapping[str, str] | None]

    def __init__(
        self,
        request: RequestInfo | None,
        version: ServerVersion | None,
        status_code: int,
        result_code: ResultCode | None,
        raw_code: int | None,
        error: str,
        payload: Any,
        envelope: dict[str, Any],
        version_text: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.request = request
        self.version = version
        self.status_code = status_code
        self.result_code = result_code
        self.raw_code = raw_code
        self.error = error
        self.payload = payload
        self.envelope = envelope
        self.version_text = version_text
        self.headers = headers

    @property
    def category(self) -> Category | None:
        """The category of the code, known or not; None outside every block.

        >>> from cca_result_codes import from_response
        >>> from_response({"StatusCode": 409, "Response": {"ResultCode": 799}}).category
        <Category.LISTEN_IN: 'listen-in errors'>
        """
        if self.result_code is not None:
            return self.result_code.category
        if self.raw_code is None:
            return None
        return Category.of(self.raw_code)

    @property
    def ok(self) -> bool:
        """True for a 2xx status with a code in the success category (or none)."""
        return 200 <= self.status_code < 300 and self.category is Category.SUCCESS

    @property
    def pending(self) -> bool:
        """True when the server accepted the request but has not finished it: ``ok``, code Pending.

        >>> from cca_result_codes import from_response
        >>> from_response({"StatusCode": 202, "Response": {"ResultCode": 1, "Error": ""}}).pending
        True
        """
        return self.result_code is _PENDING and self.ok

    def raise_for_result(self) -> Any:
        """Return the payload when ``ok``; otherwise raise the CcaApiError for the code.

        A success whose ``Response`` is the result object (``{"ResultCode": 1,
        "Error": ""}`` for Pending, say) has no payload: this returns None
        for it, while ``payload`` still holds that object as sent.

        The class is ``CcaApiError.for_code()`` of the code as read (today's
        code for a legacy number); for a number with no code, such as a
        legacy number with no documented meaning, it is the class of the
        number's category.

        >>> from cca_result_codes import from_response
        >>> from_response('{"StatusCode": 200, "Response": [1, 2]}').raise_for_result()
        [1, 2]
        """
        if self.ok:
            # raw_code is set on 2xx only when Response is the result, not a payload.
            return None if self.raw_code is not None else self.payload
        code = self.result_code
        if code is not None:
            error_class = CcaApiError.for_code(code)
        else:
            error_class = CcaApiError.for_category(self.category)
        raise _error_for_reply(error_class, self._failure_message(), code, self)

    def _failure_message(self) -> str:
        code, raw = self.result_code, self.raw_code
        if code is not None and raw == code:  # pyright: ignore[reportUnnecessaryComparison] -- members are ints
            # ## HACK: benchmarks/run.py, row "from_response(r).raise_for_result()": _name_ is
            # what Enum's name property returns, at a third of its cost.
            message = f"{self.status_code} {code._name_} ({raw}): {code.description}"
        elif code is not None:
            message = (
                f"{self.status_code} {code.name} ({int(code)}, sent as legacy {raw}):"
                f" {code.description}"
            )
        elif raw is None:
            message = f"{self.status_code} without a ResultCode"
        else:
            gap = legacy_gap(self.version, raw)
            if gap is None:
                message = f"{self.status_code} unknown result code {raw}"
            else:
                message = f"{self.status_code} {gap} (from a {self.version} server)"
        if self.error:
            message += f" \N{EM DASH} {self.error}"
        request = self.request
        if request is not None:
            message += f" [{request.method or '?'} {request.url or '?'}]"
        return message

    def _fields(self) -> tuple[object, ...]:
        return (
            self.request,
            self.version,
            self.status_code,
            self.result_code,
            self.raw_code,
            self.error,
            self.payload,
            self.envelope,
            self.version_text,
            self.headers,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApiResponse):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, result_code={self.result_code!r},"
            f" raw_code={describe_int(self.raw_code)}, error={short(self.error)},"
            f" version={self.version!r}, request={self.request!r})"
        )

    def __reduce__(self) -> tuple[type[ApiResponse], tuple[object, ...]]:
        return (ApiResponse, self._fields())
