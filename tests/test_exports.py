"""The exports module: every format the table is rendered in."""

from __future__ import annotations

import pytest

from cca_result_codes import exports


def test_render_refuses_an_unknown_format_and_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'yaml'; choose from json, csv"):
        exports.render("yaml")


def test_formats_are_listed_in_order() -> None:
    assert exports.FORMATS[:3] == ("json", "csv", "markdown")
