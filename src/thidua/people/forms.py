from django import forms

from thidua.people.models import Gender, LeaveKind, StaffType
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

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class PersonCreateForm(forms.Form):
    citizen_id = forms.CharField(label="Số CCCD (12 chữ số)", max_length=14)
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    birth_date = forms.DateField(label="Ngày sinh", required=False, widget=DATE)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + Gender.choices, required=False)
    unit_code = forms.CharField(label="Mã đơn vị công tác")
    staff_type = forms.ChoiceField(label="Loại cán bộ", choices=StaffType.choices)
    position = forms.CharField(label="Chức vụ", required=False)
    is_leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)
    start = forms.DateField(label="Công tác tại đơn vị từ ngày", widget=DATE)
    recruited_on = forms.DateField(label="Ngày tuyển dụng", required=False, widget=DATE)


class PersonEditForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    birth_date = forms.DateField(label="Ngày sinh", required=False, widget=DATE)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + Gender.choices, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", required=False)
    recruited_on = forms.DateField(label="Ngày tuyển dụng", required=False, widget=DATE)
    party_card_no = forms.CharField(label="Số thẻ đảng viên", required=False)
    reason = forms.CharField(label="Lý do sửa", required=False)


class TransferForm(forms.Form):
    unit_code = forms.CharField(label="Mã đơn vị mới")
    staff_type = forms.ChoiceField(label="Loại cán bộ", choices=StaffType.choices)
    position = forms.CharField(label="Chức vụ", required=False)
    is_leader = forms.BooleanField(label="Lãnh đạo, quản lý", required=False)
    grade_group = forms.CharField(label="Nhóm nhiệm vụ tương đồng", required=False)
    is_secondment = forms.BooleanField(label="Biệt phái (giữ quá trình công tác chính)", required=False)
    start = forms.DateField(label="Từ ngày", widget=DATE)
    decision_no = forms.CharField(label="Số quyết định", required=False)


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label="Loại nghỉ", choices=LeaveKind.choices)
    start = forms.DateField(label="Từ ngày", widget=DATE)
    end = forms.DateField(label="Đến ngày", widget=DATE)
    note = forms.CharField(label="Ghi chú", required=False)


def _code_choices(collective: bool):
    pool = {**(codes.TITLES_COLLECTIVE if collective else codes.TITLES_INDIVIDUAL), **codes.FORMS}
    return [(k, f"{k} – {v}") for k, v in pool.items()]


class YearRecordForm(forms.ModelForm):
    class Meta:
        model = YearRecord
        fields = ["year", "track", "grade", "score", "months_worked", "note"]


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["year", "code", "kind", "decision_no", "decision_date", "authority"]
        widgets = {"decision_date": DATE}

    def __init__(self, *args, collective=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.ChoiceField(label="Danh hiệu / hình thức", choices=_code_choices(collective))


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["year", "title", "level", "kind", "recognized_on", "decision_no"]
        widgets = {"recognized_on": DATE}


class DisciplineForm_(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["year", "form", "track", "decided_on", "served_from", "served_to", "decision_no"]
        widgets = {"decided_on": DATE, "served_from": DATE, "served_to": DATE}


HISTORY_FORMS = {
    "yearrecord": (YearRecord, YearRecordForm, "Xếp loại chất lượng"),
    "award": (Award, AwardForm, "Danh hiệu, khen thưởng"),
    "initiative": (Initiative, InitiativeForm, "Sáng kiến, đề tài"),
    "discipline": (Discipline, DisciplineForm_, "Kỷ luật"),
}

__all__ = ["Grade", "Track", "AwardKind", "InitiativeLevel", "InitiativeKind", "DisciplineForm"]


class CollectiveStatsForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    total = forms.IntegerField(label="Tổng số thành viên", min_value=0)
    completed = forms.IntegerField(label="Số hoàn thành nhiệm vụ trở lên", min_value=0)
    ldtt = forms.IntegerField(label="Số đạt Lao động tiên tiến", min_value=0)
    cstdcs = forms.IntegerField(label="Số đạt Chiến sĩ thi đua cơ sở", min_value=0)
    disciplined = forms.IntegerField(label="Số bị kỷ luật từ cảnh cáo trở lên", min_value=0)
    cluster_rank = forms.IntegerField(label="Xếp hạng trong khối thi đua", min_value=1, required=False)
    cluster_size = forms.IntegerField(label="Số đơn vị trong khối", min_value=1, required=False)
