from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.imports import storage
from thidua.imports.layout import KIND_LABELS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=list(KIND_LABELS.items()))
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), allow_empty_file=True)

    def clean_file(self):
        """Size limit and the real uncompressed size, before anything is written to disk."""
        upload = self.cleaned_data["file"]
        try:
            upload.uncompressed_size = storage.check_upload(upload)
        except storage.UploadRefused as refused:
            raise forms.ValidationError(str(refused), code="file") from refused
        return upload


class CommitForm(forms.Form):
    kind = forms.ChoiceField(choices=list(KIND_LABELS.items()))
    token = forms.RegexField(regex=r"^\d+-[0-9a-f]{32}$")
