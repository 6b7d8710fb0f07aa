"""Forms of the unit, cluster and party organisation pages. Each checks, with its fields, the rules the
service would check next (a code already taken, codes that name no unit, a head outside the members),
so that one answer lists every problem at its field."""
from django import forms

from thidua.common.clean import MSG_TOO_LONG, code_problem, text_problem, validate_code, validate_text
from thidua.common.text import nfc
from thidua.common.web import TypedInFull
from thidua.organizations.models import Cluster, ClusterLevel, PartyOrg, PartyOrgKind, Unit, UnitKind
from thidua.organizations.services import (
    MSG_CLUSTER_CODE_TAKEN,
    MSG_CODE_TAKEN,
    MSG_HEAD_NOT_MEMBER,
    MSG_NEED_PARTS,
    MSG_PARTY_CODE_TAKEN,
)
from thidua.rules.codes import MAX_YEAR, MIN_YEAR

MSG_UNITS_UNKNOWN = "Mã đơn vị không tồn tại: {codes}"
MSG_PARTY_UNKNOWN = "Mã tổ chức đảng không tồn tại."
MSG_PARENT_PARTY_UNKNOWN = "Mã tổ chức đảng cấp trên không tồn tại."
MSG_SPLIT_LINE = "Dòng {n}: cần theo dạng 'mã | tên'."
MSG_SPLIT_LINE_PROBLEM = "Dòng {n}: {problem}"
MSG_NAME_REQUIRED = "cần tên đơn vị."
MSG_CODE_REPEATED = "mã {code} đã có ở dòng trên."


def split_codes(text: str) -> list[str]:
    return [c.strip().upper() for c in (text or "").replace(";", ",").split(",") if c.strip()]


def unknown_units_message(text: str) -> str | None:
    """The message naming every code of `text` (comma-separated) that names no unit, else None."""
    codes = split_codes(text)
    known = set(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [c for c in codes if c not in known]
    return MSG_UNITS_UNKNOWN.format(codes=", ".join(missing)) if missing else None


def _codes_field_clean(field: str):
    """A clean_<field> method: every code of the field names a unit."""
    def clean(self):
        value = self.cleaned_data[field]
        if message := unknown_units_message(value):
            raise forms.ValidationError(message)
        return value
    return clean


def _code_free(model, message: str):
    """A clean_code method: the (valid) code is not taken yet."""
    def clean(self):
        value = self.cleaned_data["code"]
        if model.objects.filter(code=nfc(value).upper()).exists():
            raise forms.ValidationError(message)
        return value
    return clean

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class UnitCreateForm(TypedInFull, forms.Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên đơn vị", max_length=255, validators=[validate_text])
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    has_legal_personality = forms.BooleanField(label="Có tư cách pháp nhân", required=False, initial=True)
    valid_from = forms.DateField(label="Hiệu lực từ", required=False, widget=DATE_INPUT)

    clean_code = _code_free(Unit, MSG_CODE_TAKEN)


class UnitRenameForm(TypedInFull, forms.Form):
    name = forms.CharField(label="Tên mới", max_length=255, validators=[validate_text])
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)


class UnitMergeForm(TypedInFull, forms.Form):
    other_codes = forms.CharField(label="Mã các đơn vị hợp nhất cùng (cách nhau bởi dấu phẩy)", max_length=2000)
    into_code = forms.CharField(label="Sáp nhập vào đơn vị có sẵn (mã), bỏ trống để lập đơn vị mới", required=False)
    new_code = forms.CharField(label="Mã đơn vị mới", required=False, max_length=40, validators=[validate_code])
    new_name = forms.CharField(label="Tên đơn vị mới", required=False, max_length=255, validators=[validate_text])
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)

    clean_other_codes = _codes_field_clean("other_codes")
    clean_into_code = _codes_field_clean("into_code")

    def clean_new_code(self):
        value = self.cleaned_data["new_code"]
        if value and Unit.objects.filter(code=nfc(value).upper()).exists():
            raise forms.ValidationError(MSG_CODE_TAKEN)
        return value

    def clean(self):
        data = super().clean()
        if not data.get("into_code") and not (data.get("new_code") and data.get("new_name")):
            raise forms.ValidationError("Nhập mã đơn vị sáp nhập vào, hoặc mã và tên đơn vị mới.")
        return data


class UnitSplitForm(TypedInFull, forms.Form):
    parts = forms.CharField(
        label="Các đơn vị mới, mỗi dòng: mã | tên", widget=forms.Textarea(attrs={"rows": 4}),
    )
    date = forms.DateField(label="Ngày hiệu lực", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)

    def clean_parts(self):
        """Every line's problem at once (layout, code, name, a code taken or repeated)."""
        parts, problems, seen = [], [], set()
        for n, line in enumerate(self.cleaned_data["parts"].splitlines(), start=1):
            if not line.strip():
                continue
            if "|" not in line:
                problems.append(MSG_SPLIT_LINE.format(n=n))
                continue
            code, name = (s.strip() for s in line.split("|", 1))
            upper = nfc(code).upper()
            problem = (code_problem(upper) or text_problem(code) or text_problem(name)
                       or (MSG_NAME_REQUIRED if not name else None)
                       or (MSG_TOO_LONG.format(limit=40) if len(upper) > 40 else None)
                       or (MSG_TOO_LONG.format(limit=255) if len(name) > 255 else None)
                       or (MSG_CODE_REPEATED.format(code=upper) if upper in seen else None)
                       or (MSG_CODE_TAKEN if Unit.objects.filter(code=upper).exists() else None))
            if problem:
                problems.append(MSG_SPLIT_LINE_PROBLEM.format(n=n, problem=problem[0].lower() + problem[1:]))
            seen.add(upper)
            parts.append({"code": code, "name": name})
        if not problems and len(parts) < 2:
            problems.append(MSG_NEED_PARTS)
        if problems:
            raise forms.ValidationError(problems)
        return parts


class UnitDissolveForm(TypedInFull, forms.Form):
    date = forms.DateField(label="Ngày giải thể", widget=DATE_INPUT)
    decision_no = forms.CharField(label="Số quyết định", required=False, max_length=80)


class ClusterCreateForm(TypedInFull, forms.Form):
    code = forms.CharField(label="Mã khối", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên khối, cụm thi đua", max_length=255, validators=[validate_text])
    level = forms.ChoiceField(label="Cấp tổ chức", choices=ClusterLevel.choices)

    clean_code = _code_free(Cluster, MSG_CLUSTER_CODE_TAKEN)


class ClusterYearForm(TypedInFull, forms.Form):
    year = forms.IntegerField(label="Năm", min_value=MIN_YEAR, max_value=MAX_YEAR)
    member_codes = forms.CharField(label="Mã các đơn vị thành viên (cách nhau bởi dấu phẩy)", widget=forms.Textarea(attrs={"rows": 3}))
    head_code = forms.CharField(label="Khối trưởng (mã đơn vị)", required=False)
    deputy_codes = forms.CharField(label="Khối phó (mã, cách nhau bởi dấu phẩy)", required=False)

    clean_member_codes = _codes_field_clean("member_codes")
    clean_head_code = _codes_field_clean("head_code")
    clean_deputy_codes = _codes_field_clean("deputy_codes")

    def clean(self):
        data = super().clean()
        typed = data.get("member_codes", self.data.get(self.add_prefix("member_codes"), ""))
        members = set(split_codes(typed))  # as typed, even when some code names no unit
        if members:
            for field in ("head_code", "deputy_codes"):
                if field in data and not set(split_codes(data[field])) <= members:
                    self.add_error(field, MSG_HEAD_NOT_MEMBER)
        return data


def codes_to_units(text: str, field: str) -> list[Unit]:
    codes = split_codes(text)
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in units]
    if missing:
        raise forms.ValidationError({field: MSG_UNITS_UNKNOWN.format(codes=", ".join(missing))})
    return [units[c] for c in codes]


class PartyCloseForm(TypedInFull, forms.Form):
    date = forms.DateField(label="Ngày hết hiệu lực", widget=DATE_INPUT)
    successor_code = forms.CharField(label="Tổ chức đảng tiếp nhận đảng viên (mã)", required=False)

    def clean_successor_code(self):
        value = self.cleaned_data["successor_code"]
        if value and not PartyOrg.objects.filter(code=nfc(value).upper()).exists():
            raise forms.ValidationError(MSG_PARTY_UNKNOWN)
        return value


class PartyOrgCreateForm(TypedInFull, forms.Form):
    code = forms.CharField(label="Mã tổ chức đảng", max_length=40, validators=[validate_code])
    name = forms.CharField(label="Tên tổ chức đảng", max_length=255, validators=[validate_text])
    kind = forms.ChoiceField(label="Loại", choices=PartyOrgKind.choices)
    parent_code = forms.CharField(label="Mã tổ chức đảng cấp trên (bỏ trống: cấp cao nhất)", required=False)
    unit_code = forms.CharField(label="Mã cơ quan, đơn vị gắn với", required=False)

    clean_code = _code_free(PartyOrg, MSG_PARTY_CODE_TAKEN)
    clean_unit_code = _codes_field_clean("unit_code")

    def clean_parent_code(self):
        value = self.cleaned_data["parent_code"]
        if value and not PartyOrg.objects.filter(code=nfc(value).upper()).exists():
            raise forms.ValidationError(MSG_PARENT_PARTY_UNKNOWN)
        return value
