"""hypothesis strategies for result codes, server versions, CcaWebApi envelopes and errors.

Needs hypothesis (``pip install hypothesis``). The library registers
``ServerVersion``, ``ApiResponse``, ``RequestInfo`` and every ``CcaApiError``
class with hypothesis through its plugin entry point, so
``st.from_type(ServerVersion)`` and ``st.from_type(errors.UnknownToken)`` work
in a user's tests with no set-up.

>>> from hypothesis import given
>>> from cca_result_codes import from_response
>>> @given(envelope=envelopes(success=False))
... def test_failures_are_not_ok(envelope):
...     assert not from_response(envelope).ok
>>> test_failures_are_not_ok()
"""

from __future__ import annotations

import json

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ImportError as error:
    raise ImportError(
        "cca_result_codes.testing.strategies needs hypothesis: pip install hypothesis"
    ) from error

from .._wire import INT32_MAX as _INT32_MAX
from .._wire import INT32_MIN as _INT32_MIN
from ..categories import Category
from ..codes import ResultCode
from ..envelope import RequestInfo, from_response
from ..errors import CcaApiError
from ..versions import UNIFIED_IN, ServerVersion
from . import looks_like_result, make_envelope, version_as_read

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, TypeVar

    from hypothesis.strategies import SearchStrategy

    from ..envelope import ApiResponse

    _Error = TypeVar("_Error", bound=CcaApiError)

__all__ = [
    "BODY_STATUSES",
    "api_errors",
    "envelope_texts",
    "envelopes",
    "errors_of",
    "request_infos",
    "result_codes",
    "server_versions",
    "unknown_codes",
]

BODY_STATUSES = tuple(n for n in range(200, 600) if n not in (204, 205, 304))
"""The HTTP statuses that carry a body: what ``envelopes()`` draws unless told otherwise.

1xx, 204, 205 and 304 have none (RFC 9110), so no envelope can travel in them.
"""

_KNOWN = frozenset(member.value for member in ResultCode)

# The strategies are built once, here; the functions below choose among them.
# ServerVersion.parse() reads up to nine digits a part: every drawn version survives str().
_PART = st.integers(0, 10**9 - 1)
_LEGACY_VERSIONS = st.one_of(  # every version before 5.4.6, and its edge
    st.sampled_from([ServerVersion(5, 4, 5, 0), ServerVersion(5, 4, 5, 999_999_999)]),
    st.builds(ServerVersion, st.integers(0, 4), _PART, _PART, _PART),
    st.builds(ServerVersion, st.just(5), st.integers(0, 3), _PART, _PART),
    st.builds(ServerVersion, st.just(5), st.just(4), st.integers(0, 5), _PART),
)
_CURRENT_VERSIONS = st.one_of(  # every version from 5.4.6 on, and the ones the vendor names
    st.sampled_from([UNIFIED_IN, ServerVersion(5, 4, 6, 1), ServerVersion(5, 4, 8, 0)]),
    st.builds(ServerVersion, st.just(5), st.just(4), st.integers(6, 10**9 - 1), _PART),
    st.builds(ServerVersion, st.just(5), st.integers(5, 10**9 - 1), _PART, _PART),
    st.builds(ServerVersion, st.integers(6, 10**9 - 1), _PART, _PART, _PART),
)
_UNKNOWN_CODES = st.one_of(
    st.sampled_from([n for category in Category for n in category.codes if n not in _KNOWN]),
    st.integers(_INT32_MIN, _INT32_MAX).filter(lambda n: n not in _KNOWN),
)
_JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    ),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,  # shallow: far from the parser's nesting limit
)
# None is not a payload for make_envelope(): it asks for the result shape.
_PAYLOADS = st.one_of(
    st.lists(_JSON_VALUES, max_size=4),
    st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=4),
    _JSON_VALUES,
).filter(lambda value: value is not None and not looks_like_result(value))
_METHODS = st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"])
_SEGMENTS = st.from_regex(r"[A-Za-z0-9._~-]{1,12}", fullmatch=True)
_URLS = st.builds(
    "{}://{}/CcaWebApi/{}".format,
    st.sampled_from(["http", "https"]),
    st.sampled_from(["cca.example", "cca.example:8080", "127.0.0.1:5000", "[::1]"]),
    st.lists(_SEGMENTS, min_size=1, max_size=3).map("/".join),
)
_REQUESTS = st.none() | st.tuples(_METHODS, _URLS)  # (method, url), or None for no Request
_ERRORS = st.just("") | st.text()
_BODY_STATUSES = st.sampled_from(BODY_STATUSES)
_SUCCESS_STATUSES = st.sampled_from([n for n in BODY_STATUSES if n < 300])
_ERROR_STATUSES = st.none() | st.sampled_from([n for n in BODY_STATUSES if n >= 400])
_DUMPS_OPTIONS = st.fixed_dictionaries(
    {"ensure_ascii": st.booleans(), "indent": st.none() | st.just(2)}
)


def result_codes(*, category: Category | None = None) -> SearchStrategy[ResultCode]:
    """Members of ``ResultCode``, all of them or those of one *category*.

    >>> from hypothesis import given
    >>> @given(result_codes(category=Category.LOCKING))
    ... def test_locking(code):
    ...     assert code.name in ("LockTimeout", "AlreadyLocked", "NotLocked")
    >>> test_locking()
    """
    if category is not None and not isinstance(category, Category):
        raise TypeError(f"category must be a Category or None, not {type(category).__name__}")
    return st.sampled_from([m for m in ResultCode if category in (None, m.category)])


def unknown_codes() -> SearchStrategy[int]:
    """32-bit ints that no member has: gaps inside the categories' blocks, and numbers outside.

    These are the codes a newer server may send; ``from_response()`` keeps
    them in ``raw_code`` with ``result_code`` None.
    """
    return _UNKNOWN_CODES


def server_versions(*, legacy: bool | None = None) -> SearchStrategy[ServerVersion]:
    """``ServerVersion`` values; *legacy* True gives only versions before 5.4.6, False none.

    Versions near 5.4.6 come often, since that is where the numbering changed.
    """
    if legacy is not None and not isinstance(legacy, bool):
        raise TypeError(f"legacy must be a bool or None, not {type(legacy).__name__}")
    if legacy is None:
        return st.one_of(_LEGACY_VERSIONS, _CURRENT_VERSIONS)
    return _LEGACY_VERSIONS if legacy else _CURRENT_VERSIONS


@st.composite
def _envelope(
    draw: st.DrawFn,
    codes: SearchStrategy[ResultCode | int],
    versions: SearchStrategy[ServerVersion | str | None],
    success: bool | None,
    statuses: SearchStrategy[int | None],
) -> dict[str, Any]:
    code = draw(codes)
    # The codes strategy may give the other kind than *success* asks for.
    assume(success is None or (Category.of(code) is Category.SUCCESS) is success)
    version = draw(versions)
    if version is not None:
        # Judged as from_response() judges it: "5.4.5 (build 7)" by its leading number.
        read = version_as_read(version)
        # A code new after 5.4.6, or unknown, has no legacy number to write.
        assume(read is None or read >= UNIFIED_IN or not _has_no_legacy_number(code))
        if draw(st.booleans()):
            version = str(version)  # the envelope holds text either way
    status = draw(statuses)
    # Success envelopes are ok: a success code needs a 2xx status for that.
    assume(not success or status is None or 200 <= status < 300)
    request = draw(_REQUESTS)
    method, url = (None, None) if request is None else request
    takes_payload = status is None or 200 <= status < 300
    if code == ResultCode.Success and takes_payload and draw(st.booleans()):
        return make_envelope(
            code,
            status_code=status,
            method=method,
            url=url,
            version=version,
            payload=draw(_PAYLOADS),
        )
    return make_envelope(
        code, error=draw(_ERRORS), status_code=status, method=method, url=url, version=version
    )


def _has_no_legacy_number(code: int) -> bool:
    member = ResultCode.get(code)
    return member is None or member.since > UNIFIED_IN


def envelopes(
    *,
    codes: SearchStrategy[ResultCode | int] | None = None,
    versions: SearchStrategy[ServerVersion | str | None] | None = None,
    success: bool | None = None,
    statuses: SearchStrategy[int] | None = None,
) -> SearchStrategy[dict[str, Any]]:
    """Envelope dicts that ``make_envelope()`` could produce, for every code and version.

    *codes* defaults to every member (``result_codes()``); *versions* to
    ``server_versions()`` or None; a version string that does not parse
    (``"5.4.6.1-beta"``) is judged by its leading number, as
    ``from_response()`` judges it. *success* True gives envelopes that are
    ``ok``: codes of the success block with a 2xx status (with or without a
    payload); False keeps the failures. A legacy version never goes with a
    code new after 5.4.6; unknown codes from *codes* go with current
    versions only.

    *statuses* gives the ``StatusCode`` values. By default they are
    ``make_envelope()``'s own choice or any of ``BODY_STATUSES``: never 1xx,
    204, 205 or 304, which HTTP sends without a body, so every envelope drawn
    can be served as ``responses.add(..., status=envelope["StatusCode"])``.
    """
    if success is not None and not isinstance(success, bool):
        raise TypeError(f"success must be a bool or None, not {type(success).__name__}")
    if codes is None:
        if success is None:
            codes = result_codes()
        else:
            members = [m for m in ResultCode if (m.category is Category.SUCCESS) is success]
            codes = st.sampled_from(members)
    if versions is None:
        versions = st.none() | server_versions()
    drawn: SearchStrategy[int | None]
    if statuses is not None:
        drawn = statuses
    elif success:
        drawn = st.none() | _SUCCESS_STATUSES
    else:
        drawn = st.none() | _BODY_STATUSES
    return _envelope(codes, versions, success, drawn)


def envelope_texts(
    *,
    codes: SearchStrategy[ResultCode | int] | None = None,
    versions: SearchStrategy[ServerVersion | str | None] | None = None,
    success: bool | None = None,
    statuses: SearchStrategy[int] | None = None,
) -> SearchStrategy[str]:
    """``envelopes()`` as JSON text, ASCII-escaped or not, compact or indented."""
    drawn = envelopes(codes=codes, versions=versions, success=success, statuses=statuses)
    return st.tuples(drawn, _DUMPS_OPTIONS).map(_dump)


def _dump(envelope_and_options: tuple[dict[str, Any], dict[str, Any]]) -> str:
    envelope, options = envelope_and_options
    return json.dumps(envelope, **options)


def request_infos() -> SearchStrategy[RequestInfo]:
    """``RequestInfo`` values as CcaWebApi writes them: an HTTP method and a CcaWebApi URL.

    ``st.from_type(RequestInfo)`` draws from this.
    """
    return st.builds(RequestInfo, _METHODS, _URLS)


def api_errors(
    codes: Iterable[ResultCode | int] | None = None,
    categories: Iterable[Category] | None = None,
) -> SearchStrategy[CcaApiError]:
    """The exceptions ``raise_for_result()`` raises, read from drawn envelopes.

    By default, for every failing code and for unknown numbers in the failing
    categories' blocks. *codes* keeps those codes; *categories* the codes of
    those categories, known or not; given both, either kind. A success code,
    or a category with no exception, raises ValueError.

    ``st.from_type(errors.UnknownToken)`` and ``st.from_type(CcaApiError)``
    draw from this, through the plugin.

    >>> from hypothesis import given
    >>> from cca_result_codes import errors
    >>> @given(api_errors(codes=[ResultCode.UnknownToken]))
    ... def test_expired(error):
    ...     assert isinstance(error, errors.UnknownToken) and error.response is not None
    >>> test_expired()
    """
    numbers = [] if codes is None else [_failing_code(code) for code in codes]
    if categories is not None:
        numbers += [n for category in categories for n in _failing_category(category).codes]
    if codes is None and categories is None:
        numbers = [n for category in Category for n in category.codes if category.is_error]
    if not numbers:
        raise ValueError("api_errors() needs at least one code or category")
    return _api_error(st.sampled_from(sorted(set(numbers))))


def errors_of(error_class: type[_Error]) -> SearchStrategy[_Error]:
    """The exceptions that are instances of *error_class*: what ``st.from_type()`` draws."""
    numbers = [
        n
        for category in Category
        if category.is_error
        for n in category.codes
        if issubclass(CcaApiError.for_code(n), error_class)
    ]
    return _api_error(st.sampled_from(numbers))  # type: ignore[return-value]  # filtered above


@st.composite
def _api_error(draw: st.DrawFn, numbers: SearchStrategy[int]) -> CcaApiError:
    request = draw(_REQUESTS)
    method, url = (None, None) if request is None else request
    envelope = make_envelope(
        draw(numbers),
        error=draw(_ERRORS),
        status_code=draw(_ERROR_STATUSES),
        method=method,
        url=url,
        version=draw(st.none() | _CURRENT_VERSIONS),
    )
    return raised(from_response(envelope))


def raised(reply: ApiResponse) -> CcaApiError:
    """The exception ``reply.raise_for_result()`` raises."""
    try:
        reply.raise_for_result()
    except CcaApiError as error:
        return error
    raise ValueError(f"{reply!r} is a success: it raises nothing")


def _failing_code(code: ResultCode | int) -> int:
    if not isinstance(code, int) or isinstance(code, bool):
        raise TypeError(f"codes must hold ResultCode members or ints, not {type(code).__name__}")
    category = Category.of(code)
    if category is None or not category.is_error:
        raise ValueError(f"{code!r} is not a failing code: it raises no exception")
    return int(code)


def _failing_category(category: Category) -> Category:
    if not isinstance(category, Category):
        raise TypeError(f"categories must hold Category members, not {type(category).__name__}")
    if not category.is_error:
        raise ValueError(f"{category!r} is the success category: it raises no exception")
    return category
