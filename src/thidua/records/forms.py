"""Forms of the yearly history of a person or a collective (grades, titles and awards, initiatives,
discipline, member counts). They parse what is typed; the rules are records.validators' (the services
check them again), and Django's own checks speak with the rule's message."""
from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from thidua.common.web import TypedInFull
from thidua.people.forms import DATE
from thidua.people.validators import form_validator
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
    TEXT_LIMITS,
    check_award_code,
    check_months,
    check_score,
    check_text,
    check_year,
    stats_problems,
)


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


class _HistoryForm(TypedInFull, forms.ModelForm):
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
        """The counts' rules on every count that parsed, with the fields' own problems (one answer)."""
        data = super().clean()
        if "total" in self.errors:
            return data
        parsed = {name: None if name in self.errors else data.get(name) for name in self.fields if name != "year"}
        for field, message in stats_problems(**parsed):
            if field not in self.errors:
                self.add_error(field, message)
        return data
