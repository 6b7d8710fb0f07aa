"""One number format for users: 1.234,5 (common.numbers.vn_number and the `so` filter)."""
import pytest
from django.template import Context, Template
from django.utils import translation

from thidua.common.numbers import vn_number


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (12345, None, "12.345"), (1234.5, None, "1.234,5"), (2.6, None, "2,6"), (3.0, None, "3"),
    (0.1 + 0.2, None, "0,3"), (-1234567, None, "-1.234.567"), (0.5, 2, "0,50"), (999, None, "999"),
    ("12345", None, "12.345"), (None, None, ""), ("", None, ""), ("abc", None, "abc"),
])
def test_vn_number(value, decimals, text):
    assert vn_number(value, decimals) == text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_english_ui_keeps_the_formats_of_the_formats_package(lang):
    with translation.override(lang):   # formats/en imports the Vietnamese formats
        assert vn_number(12345) == "12.345" and vn_number(1234.5) == "1.234,5"


def test_the_so_filter():
    rendered = Template("{% load numbers %}{{ n|so }} {{ x|so }} {{ x|so:2 }} {{ none|so }}|").render(
        Context({"n": 12345, "x": 87.5, "none": None}))
    assert rendered == "12.345 87,5 87,50 |"
