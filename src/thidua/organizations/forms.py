from django import forms

from thidua.common.clean import validate_code, validate_text
from thidua.organizations.models import ClusterLevel, PartyOrgKind, Unit, UnitKind
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class UnitCreateForm(forms.Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên đơn vị", max_length=255, validators=[validate_text])
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    has_legal_personality = forms.BooleanField(label="Có tư cách pháp nhân", required=False, initial=True)
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DATE_INPUT)


class UnitRenameForm(forms.Form):
    name = forms.CharField(label="Tên mới", max_length=255, validators=[validate_text])
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)


class UnitMergeForm(forms.Form):
    other_codes = forms.CharField(label="Mã các đơn vị hợp nhất cùng (cách nhau bởi dấu phẩy)", max_length=2000)
    into_code = forms.CharField(label="Sáp nhập vào đơn vị có sẵn (mã), bỏ trống để lập đơn vị mới", required=False)
    new_code = forms.CharField(label="Mã đơn vị mới", required=False, max_length=40, validators=[validate_code])
    new_name = forms.CharField(label="Tên đơn vị mới", required=False, max_length=255, validators=[validate_text])
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)

    def clean(self):
        data = super().clean()
        if not data.get("into_code") and not (data.get("new_code") and data.get("new_name")):
            raise forms.ValidationError("Nhập mã đơn vị sáp nhập vào, hoặc mã và tên đơn vị mới.")
        return data


class UnitSplitForm(forms.Form):
    parts = forms.CharField(
        label="Các đơn vị mới, mỗi dòng: mã | tên", widget=forms.Textarea(attrs={"rows": 4}),
    )
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)

    def clean_parts(self):
        parts = []
        for n, line in enumerate(self.cleaned_data["parts"].splitlines(), start=1):
            if not line.strip():
                continue
            if "|" not in line:
                raise forms.ValidationError(f"Dòng {n}: cần theo dạng 'mã | tên'.")
            code, name = (s.strip() for s in line.split("|", 1))
            parts.append({"code": code, "name": name})
        return parts


class UnitDissolveForm(forms.Form):
    date = forms.DateField(label="Ngày giải thể", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)


class ClusterCreateForm(forms.Form):
    code = forms.CharField(label="Mã khối", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên khối, cụm thi đua", max_length=255, validators=[validate_text])
    level = forms.ChoiceField(label="Cấp tổ chức", choices=ClusterLevel.choices)


class ClusterYearForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=MIN_YEAR, max_value=MAX_YEAR)
    member_codes = forms.CharField(label="Mã các đơn vị thành viên (cách nhau bởi dấu phẩy)", widget=forms.Textarea(attrs={"rows": 3}))
    head_code = forms.CharField(label="Khối trưởng (mã đơn vị)", required=False)
    deputy_codes = forms.CharField(label="Khối phó (mã, cách nhau bởi dấu phẩy)", required=False)


def codes_to_units(text: str, field: str) -> list[Unit]:
    codes = [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in units]
    if missing:
        raise forms.ValidationError({field: f"Mã đơn vị không tồn tại: {', '.join(missing)}"})
    return [units[c] for c in codes]


class PartyCloseForm(forms.Form):
    date = forms.DateField(label="Ngày hết hiệu lực", widget=DATE_INPUT)
    successor_code = forms.CharField(label="Tổ chức đảng tiếp nhận đảng viên (mã)", required=False)


class PartyOrgCreateForm(forms.Form):
    code = forms.CharField(label="Mã tổ chức đảng", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên tổ chức đảng", max_length=255, validators=[validate_text])
    kind = forms.ChoiceField(label="Loại", choices=PartyOrgKind.choices)
    parent_code = forms.CharField(label="Mã tổ chức đảng cấp trên (bỏ trống: cấp cao nhất)", required=False)
    unit_code = forms.CharField(label="Mã cơ quan, đơn vị gắn với", required=False)
