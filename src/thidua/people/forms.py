"""Forms of the people pages. They parse what is typed; the rules are people.validators' and
records.validators' (the services check them again): each field that a rule bounds carries the
rule's check, and Django's own checks that would say the same thing differently (max_length,
choices, min_value) speak with the rule's message, so a form shows the service's words."""
from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from thidua.organizations.models import Unit
from thidua.people.models import Gender, LeaveKind, StaffType
from thidua.people.validators import (
    MSG_CCCD_FORMAT,
    MSG_GENDER,
    MSG_NAME_REQUIRED,
    MSG_STAFF_TYPE,
    MSG_STAFF_TYPE_REQUIRED,
    MSG_UNIT_REQUIRED,
    TEXT_LIMITS,
    check_birth_date,
    check_citizen_id,
    check_date,
    check_leave_order,
    check_length,
    check_posting_unit,
    check_unit_code,
    form_validator,
    normalize_citizen_id,
)
from thidua.records import codes
from thidua.records.models import (
    Award,
    AwardKind,
    Discipline,
    DisciplineForm,
    Grade,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    Track,
    YearRecord,
)
from thidua.records.validators import (
    MSG_AWARD_KIND,
    MSG_DISCIPLINE_FORM,
    MSG_GRADE,
    MSG_INITIATIVE_KIND,
    MSG_INITIATIVE_LEVEL,
    MSG_INITIATIVE_TITLE,
    MSG_STATS,
    MSG_TRACK,
    MSG_YEAR_REQUIRED,
    STATS_DETAIL_TOTAL,
    check_award_code,
    check_months,
    check_score,
    check_text,
    check_year,
    stats_problems,
)

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


def _text(field: str, label: str, *, required: bool = False, **kwargs) -> forms.CharField:
    """A free text bounded as its column is (people.validators.TEXT_LIMITS), with the rule's message."""
    return forms.CharField(label=label, required=required, validators=[form_validator(check_length, field)],
                           **kwargs)


def _date(label: str, *, required: bool = True, check=check_date) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, validators=[form_validator(check)])


def _choice(label: str, choices, message: str, *, required: bool = True, required_message: str = "") -> forms.ChoiceField:
    errors = {"invalid_choice": message}
    if required_message:
        errors["required"] = required_message
    return forms.ChoiceField(label=label, choices=choices, required=required, error_messages=errors)


class UnitCodeField(forms.CharField):
    """A unit typed by its code: it must exist and be open (a posting needs an open unit)."""

    def __init__(self, label: str):
        super().__init__(label=label, error_messages={"required": MSG_UNIT_REQUIRED})

    def clean(self, value):
        code = super().clean(value).strip().upper()
        unit = Unit.objects.filter(code=code).only("id", "valid_to").first()
        message = check_unit_code(code, unit) or check_posting_unit(unit)
        if message:
            raise forms.ValidationError(message)
        return code


class PersonCreateForm(forms.Form):
    citizen_id = forms.CharField(label="Số CCCD (12 chữ số)", max_length=20,
                                 error_messages={"required": MSG_CCCD_FORMAT, "max_length": MSG_CCCD_FORMAT})
    full_name = _text("full_name", "Họ và tên", required=True, error_messages={"required": MSG_NAME_REQUIRED})
    birth_date = _date("Ngày sinh", required=False, check=check_birth_date)
    gender = _choice("Giới tính", [("", "—")] + Gender.choices, MSG_GENDER, required=False)
    unit_code = UnitCodeField("Mã đơn vị công tác")
    staff_type = _choice("Loại cán bộ", StaffType.choices, MSG_STAFF_TYPE, required_message=MSG_STAFF_TYPE_REQUIRED)
    position = _text("position", "Chức vụ")
    is_leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)
    start = _date("Công tác tại đơn vị từ ngày")
    recruited_on = _date("Ngày tuyển dụng", required=False)

    def clean_citizen_id(self) -> str:
        value = normalize_citizen_id(self.cleaned_data["citizen_id"])
        message = check_citizen_id(value)
        if message:
            raise forms.ValidationError(message)
        return value


class PersonEditForm(forms.Form):
    full_name = _text("full_name", "Họ và tên", required=True, error_messages={"required": MSG_NAME_REQUIRED})
    birth_date = _date("Ngày sinh", required=False, check=check_birth_date)
    gender = _choice("Giới tính", [("", "—")] + Gender.choices, MSG_GENDER, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = _text("phone", "Điện thoại")
    recruited_on = _date("Ngày tuyển dụng", required=False)
    party_card_no = _text("party_card_no", "Số thẻ đảng viên")
    reason = forms.CharField(label="Lý do sửa", required=False)


class TransferForm(forms.Form):
    unit_code = UnitCodeField("Mã đơn vị mới")
    staff_type = _choice("Loại cán bộ", StaffType.choices, MSG_STAFF_TYPE, required_message=MSG_STAFF_TYPE_REQUIRED)
    position = _text("position", "Chức vụ")
    is_leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)
    grade_group = _text("grade_group", "Nhóm nhiệm vụ tương đồng")
    is_secondment = forms.BooleanField(label="Biệt phái (giữ quá trình công tác chính)", required=False)
    start = _date("Từ ngày")
    decision_no = _text("decision_no", "Số quyết định")


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label="Loại nghỉ", choices=LeaveKind.choices)
    start = _date("Từ ngày")
    end = _date("Đến ngày")
    note = _text("note", "Ghi chú")

    def clean(self):
        data = super().clean()
        message = check_leave_order(data.get("start"), data.get("end"))
        if message and "end" not in self.errors:
            self.add_error("end", message)
        return data


# --- yearly history (records) ------------------------------------------------------------------
# These forms read and write records.models; they belong with the records app (people may not
# import records: see pyproject.toml's layers) and are kept here only until the pages move them.

def _code_choices(collective: bool):
    pool = {**(codes.TITLES_COLLECTIVE if collective else codes.TITLES_INDIVIDUAL), **codes.FORMS}
    return [(code, f"{code} – {name}") for code, name in pool.items()]


def _year_field(**kwargs) -> forms.IntegerField:
    """A year of the records (records.validators.year_range, computed when the form is checked)."""
    return forms.IntegerField(label="Năm", validators=[form_validator(check_year)],
                              error_messages={"required": MSG_YEAR_REQUIRED}, **kwargs)


class AwardCodeField(forms.ChoiceField):
    """Offers the codes the subject may hold; any other code gets the service's message for it."""

    def __init__(self, *, collective: bool, **kwargs):
        super().__init__(choices=_code_choices(collective), **kwargs)
        self.collective = collective

    def validate(self, value):
        if value in self.empty_values:
            super().validate(value)   # "required"
            return
        message = check_award_code(value.strip().upper(), self.collective)
        if message:
            raise forms.ValidationError(message)


def _bounded_by(field: forms.Field, check, *args) -> None:
    """Let `check` bound the field instead of Django's min/max value and max length validators."""
    field.validators = [validator for validator in field.validators
                        if not isinstance(validator, (MinValueValidator, MaxValueValidator, MaxLengthValidator))]
    field.validators.append(form_validator(check, *args))


class _HistoryForm(forms.ModelForm):
    """The fields every fact shares: the year with its range, texts bounded with the rule's message."""
    TEXT_RULES: dict[str, str] = {}   # form field → the records.validators.TEXT_LIMITS entry bounding it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field()
        for name, rule in self.TEXT_RULES.items():
            _bounded_by(self.fields[name], check_text, rule)


class YearRecordForm(_HistoryForm):
    TEXT_RULES = {"note": "note"}

    class Meta:
        model = YearRecord
        fields = ["year", "track", "grade", "score", "months_worked", "note"]
        error_messages = {"track": {"invalid_choice": MSG_TRACK}, "grade": {"invalid_choice": MSG_GRADE}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bounded_by(self.fields["months_worked"], check_months)
        _bounded_by(self.fields["score"], check_score)


class AwardForm(_HistoryForm):
    TEXT_RULES = {"decision_no": "decision_no", "authority": "authority"}

    class Meta:
        model = Award
        fields = ["year", "code", "kind", "decision_no", "decision_date", "authority"]
        widgets = {"decision_date": DATE}
        error_messages = {"kind": {"invalid_choice": MSG_AWARD_KIND}}

    def __init__(self, *args, collective=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = AwardCodeField(collective=collective, label="Danh hiệu / hình thức")


class InitiativeForm(_HistoryForm):
    TEXT_RULES = {"title": "title", "decision_no": "initiative_decision_no"}

    class Meta:
        model = Initiative
        fields = ["year", "title", "level", "kind", "recognized_on", "decision_no"]
        widgets = {"recognized_on": DATE}
        error_messages = {"title": {"required": MSG_INITIATIVE_TITLE},
                          "level": {"invalid_choice": MSG_INITIATIVE_LEVEL},
                          "kind": {"invalid_choice": MSG_INITIATIVE_KIND}}


class DisciplineForm_(_HistoryForm):
    TEXT_RULES = {"decision_no": "discipline_decision_no"}

    class Meta:
        model = Discipline
        fields = ["year", "form", "track", "decided_on", "served_from", "served_to", "decision_no"]
        widgets = {"decided_on": DATE, "served_from": DATE, "served_to": DATE}
        error_messages = {"form": {"invalid_choice": MSG_DISCIPLINE_FORM}, "track": {"invalid_choice": MSG_TRACK}}


HISTORY_FORMS = {
    "yearrecord": (YearRecord, YearRecordForm, "Xếp loại chất lượng"),
    "award": (Award, AwardForm, "Danh hiệu, khen thưởng"),
    "initiative": (Initiative, InitiativeForm, "Sáng kiến, đề tài"),
    "discipline": (Discipline, DisciplineForm_, "Kỷ luật"),
}

__all__ = ["Grade", "Track", "AwardKind", "InitiativeLevel", "InitiativeKind", "DisciplineForm", "TEXT_LIMITS"]


class CollectiveStatsForm(forms.Form):
    """A collective's member counts; the year range and the counts' rules are records.validators'."""
    year = _year_field()
    total = forms.IntegerField(label="Tổng số thành viên",
                               error_messages={"required": MSG_STATS.format(detail=STATS_DETAIL_TOTAL)})
    completed = forms.IntegerField(label="Số hoàn thành nhiệm vụ trở lên")
    ldtt = forms.IntegerField(label="Số đạt Lao động tiên tiến")
    cstdcs = forms.IntegerField(label="Số đạt Chiến sĩ thi đua cơ sở")
    disciplined = forms.IntegerField(label="Số bị kỷ luật từ cảnh cáo trở lên")
    cluster_rank = forms.IntegerField(label="Xếp hạng trong khối thi đua", required=False)
    cluster_size = forms.IntegerField(label="Số đơn vị trong khối", required=False)

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, message in stats_problems(**data):
                self.add_error(field, message)
        return data
