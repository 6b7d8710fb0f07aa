from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.imports.layout import KIND_LABELS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=list(KIND_LABELS.items()))
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), allow_empty_file=True)


class CommitForm(forms.Form):
    kind = forms.ChoiceField(choices=list(KIND_LABELS.items()))
    token = forms.RegexField(regex=r"^\d+-[0-9a-f]{32}$")
