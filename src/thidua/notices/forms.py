from django import forms

from thidua.common.web import TypedInFull
from thidua.notices.models import CalendarDay

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y")


class CalendarDayForm(TypedInFull, forms.Form):
    date = forms.DateField(label="Ngày", widget=DATE,
                           error_messages={"required": "Hãy nhập ngày (dd/mm/yyyy).",
                                           "invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."})
    kind = forms.ChoiceField(label="Loại", choices=CalendarDay.KINDS,
                             error_messages={"required": "Hãy chọn loại ngày: ngày nghỉ hoặc ngày làm bù.",
                                             "invalid_choice": "Hãy chọn loại ngày: ngày nghỉ hoặc ngày làm bù."})
    reason = forms.CharField(label="Lý do", max_length=300,
                             widget=forms.TextInput(attrs={"placeholder": "vd: Thông báo số …/TB-BNV hoán đổi ngày làm việc"}),
                             error_messages={"required": "Hãy ghi lý do (ví dụ số thông báo hoán đổi ngày làm việc)."})


class PreferenceForm(forms.Form):
    email_digest = forms.BooleanField(label="Nhận thư nhắc việc hằng ngày qua e-mail", required=False)
