"""The entry forms of a fund ledger, the bonus calculator and the base salary form.

Money is typed the Vietnamese way ("2.340.000", "2 340 000 đ") and read as an integer number of đồng;
the services check everything else and their errors come back at these fields (`apply_errors`)."""
import re

from django import forms

from thidua.common.clean import validate_text
from thidua.fund.models import EntryKind, SubjectKind
from thidua.rules import bonus as bonus_rules
from thidua.rules import fund as fund_rules

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y")
MSG_MONEY = "Số tiền phải là số nguyên (đồng), ví dụ 2.340.000."
MSG_COEF = "Hệ số là một số có tối đa hai chữ số thập phân, ví dụ 0,6."
_MONEY = re.compile(r"\d{1,16}")


class MoneyField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2.340.000"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        digits = re.sub(r"[.\s\u00a0]", "", text).removesuffix("đ").removesuffix("VND").removesuffix("vnđ")
        if not _MONEY.fullmatch(digits):
            raise forms.ValidationError(MSG_MONEY)
        return int(digits)


class CoefficientField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        hundredths = bonus_rules.parse_coef(text)
        if hundredths is None:
            raise forms.ValidationError(MSG_COEF)
        return hundredths


def _text(label, *, required=False, max_length=500, **kw):
    return forms.CharField(label=label, required=required, max_length=max_length, validators=[validate_text], **kw)


def award_choices():
    return [(code, bonus_rules.code_name(code)) for code in bonus_rules.award_codes()]


class AllocationForm(forms.Form):
    amount = MoneyField(label="Số tiền phân bổ (đồng)")
    cap_basis = forms.ChoiceField(label="Căn cứ tính mức tối đa",
                                  choices=[(b.code, f"{b.percent_label} {b.name}") for b in fund_rules.CAP_BASES])
    basis_amount = MoneyField(label="Giá trị căn cứ (đồng): tổng quỹ lương hoặc chi thường xuyên cả năm")
    date = forms.DateField(label="Ngày", widget=DATE)
    description = _text("Nội dung")


class ContributionForm(forms.Form):
    amount = MoneyField(label="Số tiền (đồng)")
    counterparty = _text("Đơn vị, cá nhân đóng góp", required=True, max_length=255)
    date = forms.DateField(label="Ngày", widget=DATE)
    description = _text("Nội dung")


class BonusPaymentForm(forms.Form):
    decision_no = _text("Số quyết định", required=True, max_length=80)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DATE)
    decision_ref = _text("Mã tham chiếu quyết định (nếu có)", max_length=120)
    award_code = forms.ChoiceField(label="Danh hiệu, hình thức khen thưởng", choices=[])
    subject_kind = forms.ChoiceField(label="Đối tượng", choices=SubjectKind.choices)
    subjects = forms.CharField(label="Người, tập thể được khen (mỗi dòng một tên)", validators=[validate_text],
                               widget=forms.Textarea(attrs={"rows": 3}))
    posthumous = forms.BooleanField(label="Truy tặng", required=False)
    coefficient = CoefficientField(label="Hệ số (chỉ với hình thức có mức tối đa, ví dụ Kỷ niệm chương)",
                                   required=False)
    amount = MoneyField(label="Số tiền (để trống: hệ thống tính theo bảng)", required=False)
    date = forms.DateField(label="Ngày chi", widget=DATE)

    decision_issuer = forms.ChoiceField(label="Cấp ra quyết định", choices=[])

    def __init__(self, *args, owner=None, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = award_choices()
        self.fields["decision_issuer"].choices = [(u.code, u.name) for u in levels]
        if owner is not None:
            self.fields["decision_issuer"].initial = owner.code


class SpendForm(forms.Form):
    kind = forms.ChoiceField(label="Loại chi", choices=[(EntryKind.ARTIFACT_COST.value, EntryKind.ARTIFACT_COST.label),
                                                        (EntryKind.ORGANISING_COST.value,
                                                         EntryKind.ORGANISING_COST.label)])
    amount = MoneyField(label="Số tiền (đồng)")
    description = _text("Nội dung chi", required=True)
    counterparty = _text("Đơn vị nhận", max_length=255)
    decision_no = _text("Số chứng từ, quyết định", max_length=80)
    date = forms.DateField(label="Ngày", widget=DATE)


class ClawbackForm(forms.Form):
    payment = forms.TypedChoiceField(label="Khoản chi thưởng được thu hồi", coerce=int, choices=[])
    amount = MoneyField(label="Số tiền thu hồi (để trống: toàn bộ số còn lại)", required=False)
    reason = _text("Căn cứ thu hồi (quyết định hủy bỏ, lý do)", required=True)
    decision_no = _text("Số quyết định hủy bỏ", max_length=80)
    date = forms.DateField(label="Ngày thu", widget=DATE)

    def __init__(self, *args, payments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment"].choices = [
            (p.pk, f"{p.date:%d/%m/%Y} · QĐ {p.decision_no} · {bonus_rules.code_name(p.award_code)} · "
                   f"{', '.join(p.subjects.splitlines()[:3])}{'…' if (p.subject_count or 0) > 3 else ''} · "
                   f"{bonus_rules.vnd(p.amount)}") for p in payments]


class CalculatorForm(forms.Form):
    award_code = forms.ChoiceField(label="Danh hiệu, hình thức khen thưởng", choices=[])
    subject_kind = forms.ChoiceField(label="Đối tượng", choices=SubjectKind.choices)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DATE)
    count = forms.IntegerField(label="Số lượng", min_value=1, max_value=bonus_rules.MAX_COUNT, initial=1)
    posthumous = forms.BooleanField(label="Truy tặng", required=False)
    coefficient = CoefficientField(label="Hệ số (chỉ với hình thức có mức tối đa)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = award_choices()


class BaseSalaryForm(forms.Form):
    valid_from = forms.DateField(label="Áp dụng từ ngày", widget=DATE)
    amount = MoneyField(label="Mức lương cơ sở (đồng/tháng)")
    instrument = _text("Căn cứ pháp lý (số, ngày văn bản)", required=True, max_length=255)


class OpenLedgerForm(forms.Form):
    owner = forms.ChoiceField(label="Đơn vị quản lý quỹ", choices=[])
    year = forms.IntegerField(label="Năm")

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(u.code, u.name) for u in owners]
