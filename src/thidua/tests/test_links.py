"""The list filters write the same links as `{% url %}`, for any stored code."""
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.common.templatetags.links import person_href, unit_href


@settings(deadline=None)  # the first call loads the URL configuration
@given(st.integers(min_value=1, max_value=10**12))
def test_person_href_is_the_reversed_url(pk):
    assert person_href(pk) == reverse("people:person_detail", args=[pk])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1,
               max_size=20))
def test_unit_href_is_the_reversed_url_for_any_code(code):
    assert unit_href(code) == reverse("organizations:unit_detail", args=[code])


def test_legacy_codes_with_slash_and_percent():
    for code in ("SEC/SLASH", "A%B", "Q/R%2F", "BTP-TT", "Đ.1"):
        assert unit_href(code) == reverse("organizations:unit_detail", args=[code])
