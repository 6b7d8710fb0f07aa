"""Django's own strings that users meet read as good Vietnamese: the project's locale/vi overrides
them, and the committed django.mo says what django.po says (CI compiles nothing: after editing the
.po run `msgfmt -o django.mo django.po` in src/thidua/locale/vi/LC_MESSAGES and commit both)."""
import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import InvalidPage, Paginator
from django.utils import translation

from thidua.tests.test_walk import text_problems

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def _po_entries(path: Path) -> dict[str, str]:
    out = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? "(.*)"$', block, re.M)
        if msgid and msgstr and msgid.group(1):
            unescape = lambda s: s.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
            out[unescape(msgid.group(1))] = unescape(msgstr.group(1))
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_committed_mo_matches_the_po(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    entries = _po_entries(folder / "django.po")
    with open(folder / "django.mo", "rb") as f:
        catalog = gettext.GNUTranslations(f)
    stale = {k: v for k, v in entries.items() if v and catalog.gettext(k) != v and "\\n" not in k}
    assert not stale, f"recompile {folder}/django.mo: {list(stale)[:5]}"


class _Form(forms.Form):
    name = forms.CharField(max_length=5)
    year = forms.IntegerField(max_value=2100)
    day = forms.DateField()
    kind = forms.ChoiceField(choices=[("a", "A")])


def test_form_errors_users_meet_are_good_vietnamese():
    with translation.override("vi"):
        empty = _Form({}).errors
        bad = _Form({"name": "quá dài", "year": "3000", "day": "hôm qua", "kind": "z"}).errors
        notint = _Form({"year": "hai nghìn"}).errors
    assert empty["name"] == ["Hãy nhập trường này."]
    assert bad["name"] == ["Tối đa 5 ký tự (đang có 7)."]
    assert bad["year"] == ["Giá trị không được lớn hơn 2100."]
    assert "31/12/2024" in bad["day"][0]
    assert bad["kind"] == ["Hãy chọn một mục trong danh sách; “z” không có trong danh sách."]
    assert notint["year"] == ["Hãy nhập một số nguyên (ví dụ 2024)."]
    for errors in (empty, bad, notint):
        assert not text_problems(str(errors))


def test_pagination_and_login_messages_are_vietnamese():
    with translation.override("vi"):
        with pytest.raises(InvalidPage) as excinfo:
            Paginator([1, 2], 1).page(9)
        assert str(excinfo.value) == "Trang này không có kết quả"
        message = str(AuthenticationForm.error_messages["invalid_login"])
    assert "hoặc mật khẩu không đúng" in message
