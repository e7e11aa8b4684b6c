"""The short reader: the envelope in the one shape CcaWebApi sends, read at speed.

Almost every envelope arrives in one shape, and ``read_usual()`` reads that
shape and nothing else: for anything else it returns None, and the general
reader takes over. It is a speed-up, not a second contract:

- **its twin** is the general reader, ``_general_reader.read_envelope()``,
  which reads every envelope and is the reference: where the short reader
  answers, it must give the general reader's answer;
- **the one place that chooses** between them is ``envelope._read_parsed()``:
  the short reader first, then the general one;
- **the twin test** is ``tests/test_envelope_readers.py``: a differential
  property compares the two readers, and every envelope test runs once per
  reader (the ``usual | general`` fixture in ``tests/readers.py``).

The rules it restates, each more narrowly than the general reader states it
(a change to one of these rules there must be made here too):

- **keys**: exactly the four envelope keys, spelled as the vendor spells them
  (so no other case and no repeat); ``Request`` exactly ``Method`` and ``Url``;
- **status**: ``StatusCode`` a plain int from 100 to 599;
- **version**: ``Version`` a string that the general reader has parsed and
  cached before, not older than 5.4.6 (so no legacy number is translated);
- **request**: ``Method`` and ``Url`` both strings;
- **result shape**: ``Response`` the result object, exactly ``ResultCode``, a
  plain Int32, and ``Error``, a string; or, on 2xx only, a payload that
  cannot be a result: anything but an object of two keys or fewer.

And for JSON text, the shortcut that rules out repeated keys (``json`` keeps
the last of two), in ``may_repeat_keys()``.
"""

from __future__ import annotations

from ._general_reader import SUCCESS, code_by_number, version_cache
from ._wire import (
    ENVELOPE_KEYS,
    INT32_MAX,
    INT32_MIN,
    MISSING,
    REQUEST_KEYS,
    RESULT_KEYS,
    STATUS_MAX,
    STATUS_MIN,
)
from .response import ApiResponse, RequestInfo
from .versions import UNIFIED_IN

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["may_repeat_keys", "read_usual"]

_REQUEST, _VERSION, _STATUS_CODE, _RESPONSE = ENVELOPE_KEYS
_METHOD, _URL = REQUEST_KEYS
_RESULT_CODE, _ERROR = RESULT_KEYS
# The names the readers read, quoted and folded: a key json dropped as a repeat occurs twice.
_QUOTED_NAMES = tuple(f'"{name.lower()}"' for name in (*ENVELOPE_KEYS, *REQUEST_KEYS, *RESULT_KEYS))
# The usual failure envelope holds 12 strings: four keys, Request's two keys and two values,
# Version, and the result's two keys and Error. Without escapes, every quote delimits one.
_USUAL_FAILURE_QUOTES = 24


def read_usual(
    envelope: dict[str, object], headers: Mapping[str, str] | None
) -> ApiResponse | None:
    """*envelope* read in its usual shape, or None when it is not in that shape.

    The usual shape is what CcaWebApi sends: the four keys spelled as the
    vendor spells them, an HTTP status, a ``Version`` read before (so in the
    cache) and not older than 5.4.6, and a ``Request`` of two strings,
    ``Method`` and ``Url``. ``Response`` is the result, an Int32
    ``ResultCode`` and an ``Error`` string, or on 2xx a payload that cannot
    be a result: anything but an object of two keys or fewer. The general
    reader gives the same answer for this shape, only slower. *headers*, the
    HTTP response's, go to the reply as they are.
    """
    # ## HACK: the whole function. benchmarks/run.py, row "from_response(dict)": it reads the
    # vendor's example in about half the time of the general reader.
    if len(envelope) != 4:
        return None
    status = envelope.get(_STATUS_CODE)
    version_text = envelope.get(_VERSION)
    value = envelope.get(_REQUEST)
    if (
        type(status) is not int
        or not STATUS_MIN <= status <= STATUS_MAX
        or type(version_text) is not str
        or type(value) is not dict
    ):
        return None
    request: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
    version = version_cache.get(version_text)
    method = request.get(_METHOD)
    url = request.get(_URL)
    if (
        version is None
        or version < UNIFIED_IN
        or len(request) != 2
        or type(method) is not str
        or type(url) is not str
    ):
        return None
    response = envelope.get(_RESPONSE, MISSING)  # null is a payload: absent is not
    if response is MISSING:
        return None
    if type(response) is dict and len(response) <= 2:  # pyright: ignore[reportUnknownArgumentType]
        result: dict[str, object] = response  # pyright: ignore[reportUnknownVariableType]
        code = result.get(_RESULT_CODE)
        error = result.get(_ERROR)
        if (
            len(result) != 2
            or type(code) is not int
            or not INT32_MIN <= code <= INT32_MAX
            or type(error) is not str
        ):
            return None
        result_code = code_by_number(code)
    elif 200 <= status < 300:
        code, error, result_code = None, "", SUCCESS
    else:
        return None
    # ## HACK: positional arguments. benchmarks/run.py, row "from_response(dict)": keywords
    # double the cost of this call, a fifth of the whole read.
    return ApiResponse(
        RequestInfo(method, url),
        version,
        status,
        result_code,
        code,
        error,
        response,
        envelope,
        version_text,
        headers,
    )


def may_repeat_keys(text: str, usual: ApiResponse | None) -> bool:
    """Whether *text* may give a key the readers read twice in one object; json keeps the last.

    *usual* is what ``read_usual()`` made of the parsed text. A repeated key
    can hide only behind a ``\\u`` escape or a quoted name that occurs twice.
    """
    # ## HACK: benchmarks/run.py, row "from_response(text)": the usual failure text holds 24
    # quotes and no escape, so json dropped no repeat: counting quotes is cheaper than names.
    if (
        usual is not None
        and usual.raw_code is not None
        and "\\" not in text
        and text.count('"') == _USUAL_FAILURE_QUOTES
    ):
        return False
    return "\\u" in text or max(map(text.lower().count, _QUOTED_NAMES)) > 1
