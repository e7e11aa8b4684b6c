"""Odd objects and odd moments: duck-typed responses, broken pipes, interrupts."""

from __future__ import annotations

import io
import os
import runpy
import sys

import pytest

import readers
from cca_result_codes import EnvelopeError, ResultCode, ServerVersion, from_response
from cca_result_codes import cli as cli_module
from cca_result_codes.cli import main

version_cache = readers.version_cache

ENVELOPE = b'{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}'


class StatusCodeFails:
    """A response whose status_code property raises, as a half-closed one might."""

    @property
    def status_code(self) -> int:
        raise RuntimeError("connection reset")

    status = 503

    def read(self) -> bytes:
        return b'{"Response": {"ResultCode": 10001, "Error": ""}}'


class ReadsText:
    status_code = "200 OK"  # not an int: the next attribute is asked
    status = 200

    def read(self) -> str:
        return ENVELOPE.decode()


class ReadFails:
    status = 502

    def read(self) -> bytes:
        raise OSError("peer closed")


def test_a_failing_status_property_is_skipped_for_the_next() -> None:
    reply = from_response(StatusCodeFails())
    assert reply.status_code == 503
    assert reply.result_code is ResultCode.CacheLoading


def test_a_body_that_is_not_bytes_is_an_envelope_error() -> None:
    with pytest.raises(
        EnvelopeError, match="the HTTP 200 response body is str, not bytes"
    ) as caught:
        from_response(ReadsText())
    assert caught.value.status_code == 200


def test_a_failing_read_raises_the_transports_own_error() -> None:
    # OSError is a transport's failure (a reset, a timeout): it passes unchanged.
    with pytest.raises(OSError, match=r"^peer closed$"):
        from_response(ReadFails())


def test_non_string_keys_of_a_dict_are_ignored_but_kept() -> None:
    source: dict[object, object] = {1: "one", "StatusCode": 200, "Response": None}
    reply = from_response(source)
    assert reply.ok
    assert reply.envelope[1] == "one"  # type: ignore[index]  # a key the typed view cannot name


def test_long_error_text_is_shortened_in_repr_only() -> None:
    text = "x" * 500
    reply = from_response({"StatusCode": 500, "Response": {"ResultCode": 100, "Error": text}})
    assert reply.error == text
    assert "error='" + "x" * 60 + "'..." in repr(reply)


def test_broken_pipe_exits_quietly_and_points_stdout_at_devnull(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    stdout = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    try:
        assert main(["list"]) == 141
        # What was still buffered now goes nowhere, so the flush at exit cannot fail.
        assert os.path.samestat(os.fstat(write_end), os.stat(os.devnull))
        stdout.write("more")
        stdout.flush()
    finally:
        stdout.close()
    assert capsys.readouterr().err == ""


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "_show_text", interrupted)
    assert main(["102"]) == 130
    monkeypatch.setattr(cli_module, "_list", interrupted)
    assert main(["list"]) == 130


def test_explain_reads_standard_input_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENVELOPE)))
    assert main(["explain", "-"]) == 1
    assert "Result: 102 UnknownToken" in capsys.readouterr().out


@pytest.mark.usefixtures("plain_importers")
def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["cca-codes", "711"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("cca_result_codes", run_name="__main__")
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("711 ListenInNoActiveConversationFound\n")


def test_version_strings_are_parsed_once_and_the_cache_stays_bounded(
    monkeypatch: pytest.MonkeyPatch, version_cache: dict[str, ServerVersion]
) -> None:
    parsed: list[str] = []
    real_parse = ServerVersion.parse

    def counting_parse(text: str) -> ServerVersion:
        parsed.append(text)
        return real_parse(text)

    monkeypatch.setattr(ServerVersion, "parse", counting_parse)
    for _ in range(3):
        from_response({"StatusCode": 200, "Response": 1, "Version": "5.4.7.3"})
    assert parsed == ["5.4.7.3"]
    for patch in range(500):
        from_response({"StatusCode": 200, "Response": 1, "Version": f"6.0.{patch}"})
        assert len(version_cache) <= 64


def test_the_json_decoder_loads_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from cca_result_codes import envelope as envelope_module

    monkeypatch.setattr(envelope_module, "_json", None)
    with pytest.raises(EnvelopeError, match="NaN is not JSON"):
        from_response('{"StatusCode": 401, "Response": {"ResultCode": NaN}}')
    monkeypatch.setattr(envelope_module, "_json", None)
    assert from_response('{"StatusCode": 200, "Response": 1}').payload == 1
    assert envelope_module._json is not None  # pyright: ignore[reportPrivateUsage]


def test_envelope_errors_from_parsed_dicts_have_no_excerpt() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response({"Response": 1})
    assert (caught.value.excerpt, caught.value.status_code) == ("", None)
