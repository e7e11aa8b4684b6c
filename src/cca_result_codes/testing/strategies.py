"""hypothesis strategies for result codes, server versions and CcaWebApi envelopes.

Needs hypothesis (``pip install hypothesis``). The library registers
``ServerVersion`` and ``ApiResponse`` with hypothesis through its plugin entry
point, so ``st.from_type(ServerVersion)`` works in a user's tests with no set-up.

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
from ..versions import UNIFIED_IN, ServerVersion, as_server_version
from . import DEFAULT_URL, looks_like_result, make_envelope

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hypothesis.strategies import SearchStrategy

__all__ = [
    "envelope_texts",
    "envelopes",
    "result_codes",
    "server_versions",
    "unknown_codes",
]

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
_REQUESTS = st.one_of(  # (method, url), or None for no Request
    st.none(),
    st.tuples(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]), st.just(DEFAULT_URL)),
    st.tuples(st.text(), st.text()),
)
_ERRORS = st.just("") | st.text()
_PAYLOAD_STATUSES = st.none() | st.integers(200, 299)
_STATUSES = st.none() | st.integers(100, 599)
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
) -> dict[str, Any]:
    code = draw(codes)
    # The codes strategy may give the other kind than *success* asks for.
    assume(success is None or (Category.of(code) is Category.SUCCESS) is success)
    version = draw(versions)
    if version is not None:
        legacy = as_server_version(version, "version") < UNIFIED_IN
        # A code new after 5.4.6, or unknown, has no legacy number to write.
        assume(not legacy or not _has_no_legacy_number(code))
        if draw(st.booleans()):
            version = str(version)  # the envelope holds text either way
    request = draw(_REQUESTS)
    method, url = (None, None) if request is None else request
    if code == ResultCode.Success and draw(st.booleans()):
        return make_envelope(
            code,
            status_code=draw(_PAYLOAD_STATUSES),
            method=method,
            url=url,
            version=version,
            payload=draw(_PAYLOADS),
        )
    return make_envelope(
        code,
        error=draw(_ERRORS),
        # Success envelopes are ok: a success code needs a 2xx status for that.
        status_code=draw(_PAYLOAD_STATUSES if success else _STATUSES),
        method=method,
        url=url,
        version=version,
    )


def _has_no_legacy_number(code: int) -> bool:
    member = ResultCode.get(code)
    return member is None or member.since > UNIFIED_IN


def envelopes(
    *,
    codes: SearchStrategy[ResultCode | int] | None = None,
    versions: SearchStrategy[ServerVersion | str | None] | None = None,
    success: bool | None = None,
) -> SearchStrategy[dict[str, Any]]:
    """Envelope dicts that ``make_envelope()`` could produce, for every code and version.

    *codes* defaults to every member (``result_codes()``); *versions* to
    ``server_versions()`` or None. *success* True gives envelopes that are
    ``ok``: codes of the success block with a 2xx status (with or without a
    payload); False keeps the failures. A legacy
    version never goes with a code new after 5.4.6; unknown codes from
    *codes* go with current versions only.
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
    return _envelope(codes, versions, success)


def envelope_texts(
    *,
    codes: SearchStrategy[ResultCode | int] | None = None,
    versions: SearchStrategy[ServerVersion | str | None] | None = None,
    success: bool | None = None,
) -> SearchStrategy[str]:
    """``envelopes()`` as JSON text, ASCII-escaped or not, compact or indented."""
    return st.tuples(
        envelopes(codes=codes, versions=versions, success=success), _DUMPS_OPTIONS
    ).map(_dump)


def _dump(envelope_and_options: tuple[dict[str, Any], dict[str, Any]]) -> str:
    envelope, options = envelope_and_options
    return json.dumps(envelope, **options)
