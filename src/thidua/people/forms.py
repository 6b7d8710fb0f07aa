"""Forms of the people pages (the yearly history forms are records.forms). They parse what is typed; the rules are people.validators' and
records.validators' (the services check them again): each field that a rule bounds carries the
rule's check, and Django's own checks that would say the same thing differently (max_length,
choices, min_value) speak with the rule's message, so a form shows the service's words."""
from django import forms

from thidua.common.clean import text_problem
from thidua.common.web import TypedInFull
from thidua.organizations.models import Unit
from thidua.people.models import Gender, LeaveKind, Person, Posting, StaffType
from thidua.people.validators import (
    MSG_CARD_TAKEN,
    MSG_CCCD_FORMAT,
    MSG_CCCD_TAKEN,
    MSG_GENDER,
    MSG_NAME_REQUIRED,
    MSG_STAFF_TYPE,
    MSG_STAFF_TYPE_REQUIRED,
    MSG_UNIT_REQUIRED,
    check_birth_date,
    check_citizen_id,
    check_date,
    check_leave_order,
    check_length,
    check_posting_unit,
    check_start_after_open,
    check_unit_code,
    form_validator,
    normalize_citizen_id,
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
        if problem := text_problem(code):  # NUL and the like never reach the database
            raise forms.ValidationError(problem)
        unit = Unit.objects.filter(code=code).only("id", "valid_to").first()
        message = check_unit_code(code, unit) or check_posting_unit(unit)
        if message:
            raise forms.ValidationError(message)
        return code


class PersonCreateForm(TypedInFull, forms.Form):
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
        if message is None and Person.objects.filter(citizen_id=value).exists():
            message = MSG_CCCD_TAKEN  # the service's check, here so that it shows with every other problem
        if message:
            raise forms.ValidationError(message)
        return value


class PersonEditForm(TypedInFull, forms.Form):
    full_name = _text("full_name", "Họ và tên", required=True, error_messages={"required": MSG_NAME_REQUIRED})
    birth_date = _date("Ngày sinh", required=False, check=check_birth_date)
    gender = _choice("Giới tính", [("", "—")] + Gender.choices, MSG_GENDER, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = _text("phone", "Điện thoại")
    recruited_on = _date("Ngày tuyển dụng", required=False)
    party_card_no = _text("party_card_no", "Số thẻ đảng viên")
    reason = forms.CharField(label="Lý do sửa", required=False)

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_party_card_no(self) -> str:
        """The service's rule (one card, one person), checked with the other fields."""
        value = self.cleaned_data["party_card_no"]
        others = Person.objects.filter(party_card_no=value)
        if self.person is not None:
            others = others.exclude(pk=self.person.pk)
        if value and others.exists():
            raise forms.ValidationError(MSG_CARD_TAKEN)
        return value


class TransferForm(TypedInFull, forms.Form):
    unit_code = UnitCodeField("Mã đơn vị mới")
    staff_type = _choice("Loại cán bộ", StaffType.choices, MSG_STAFF_TYPE, required_message=MSG_STAFF_TYPE_REQUIRED)
    position = _text("position", "Chức vụ")
    is_leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)
    grade_group = _text("grade_group", "Nhóm nhiệm vụ tương đồng")
    is_secondment = forms.BooleanField(label="Biệt phái (giữ quá trình công tác chính)", required=False)
    start = _date("Từ ngày")
    decision_no = _text("decision_no", "Số quyết định")

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self):
        """The service's rule on the open posting (a transfer starts after it), with the fields' own."""
        data = super().clean()
        start = data.get("start")
        if self.person is not None and start is not None and not data.get("is_secondment") and "start" not in self.errors:
            open_start = (Posting.objects.filter(person=self.person, end__isnull=True, is_secondment=False)
                          .values_list("start", flat=True).first())
            if message := check_start_after_open(start, open_start):
                self.add_error("start", message)
        return data


class LeaveForm(TypedInFull, forms.Form):
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
