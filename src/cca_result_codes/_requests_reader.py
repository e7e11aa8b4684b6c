"""The short path for a requests response: one already read, taken as requests leaves it.

A response from ``requests`` whose body has been read (the default, unless
``stream=True``) holds its status, its body and its headers as plain
attributes. ``read_requests_response()`` takes them from there, and from the
headers' own table, instead of asking the response as any duck-typed object.
It is a speed-up, not a second contract:

- **its twin** is the general path, which reads any response:
  ``_transport.read_status()``, ``_headers.read_headers()`` and
  ``_transport.read_body()``. Where this path answers, it must give what
  they give;
- **the one place that chooses** between them is ``envelope._parse_other()``;
- **the twin test** is ``tests/test_requests_reader.py``: a property compares
  the two paths on responses in every state, odd ones included, and
  dispatch tests prove that the usual response takes this path.

The rules it restates, more narrowly than the general path states them:

- the response is an instance of requests' own ``Response``, not a subclass;
- ``status_code`` is a plain int from 100 to 599;
- the body, ``_content``, is plain bytes no longer than the limit (requests
  marks an unread body with False);
- the headers are requests' own ``CaseInsensitiveDict``, whose table holds
  only pairs of plain strings, each filed under its name folded.

requests is never imported: a response can only come from a loaded requests.
"""

from __future__ import annotations

import sys
from collections import OrderedDict

from ._headers import Headers, headers_of_fields
from ._wire import STATUS_MAX, STATUS_MIN

__all__ = ["read_requests_response"]


def read_requests_response(
    response: object, limit: int | None
) -> tuple[int, bytes, Headers] | None:
    """The status, body and headers of a read requests *response*; None for the general path.

    None unless *response* is in the state described in the module's
    docstring, with a body of at most *limit* bytes (None: no limit), and
    None when anything fails while it is read (a stub of requests, a table
    changed by another thread): the general path then decides. No property
    and no method of the response or of its headers runs; as reading
    ``content`` does, it marks the body consumed.
    """
    # ## HACK: the whole function. benchmarks/run.py, row "from_response(r).raise_for_result()":
    # it reads the response in a third of the time of the general path, which asks for each
    # attribute under a guard and copies the headers through Mapping.items().
    models = sys.modules.get("requests.models")
    if models is None:
        return None  # requests is not loaded, so no response can come from it
    try:
        if type(response) is not models.Response:
            return None
        attributes = response.__dict__
        status = attributes.get("status_code")
        body = attributes.get("_content")
        headers = attributes.get("headers")
        if (
            type(status) is not int
            or not STATUS_MIN <= status <= STATUS_MAX
            or type(body) is not bytes
            or (limit is not None and len(body) > limit)
            or type(headers) is not models.CaseInsensitiveDict
        ):
            return None
        # The table maps each name, folded, to the name as first set and its value: as Headers.
        table: object = headers.__dict__.get("_store")
        if type(table) is not OrderedDict:
            return None
        entries: OrderedDict[object, object] = table  # pyright: ignore[reportUnknownVariableType] -- read as object
        fields: dict[str, tuple[str, str]] = {}
        for folded, pair in entries.items():
            # pyright sees the pair's items as unknown: each is read as an object.
            if type(folded) is not str or type(pair) is not tuple or len(pair) != 2:  # pyright: ignore[reportUnknownArgumentType]
                return None
            name, value = pair  # pyright: ignore[reportUnknownVariableType]
            if type(name) is not str or type(value) is not str or name.lower() != folded:  # pyright: ignore[reportUnknownArgumentType]
                return None
            fields[folded] = (name, value)
        attributes["_content_consumed"] = True  # as requests' own content property marks it
    except Exception:  # a stub of requests, or a table changed while it was read
        return None
    return status, body, headers_of_fields(fields)
