from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render

from thidua.accounts.models import ApiToken
from thidua.accounts.services import MSG_TOKEN_NAME, api_token_create, api_token_revoke
from thidua.common.clean import MSG_TOO_LONG, validate_text
from thidua.common.web import TypedInFull, actor_of

NAME_LIMIT = ApiToken._meta.get_field("name").max_length


class TokenForm(TypedInFull, forms.Form):
    """A token's name: required, bounded as its column is, no control characters (the service's rules)."""
    name = forms.CharField(label="Tên mã", max_length=NAME_LIMIT, validators=[validate_text],
                           error_messages={"required": MSG_TOKEN_NAME,
                                           "max_length": MSG_TOO_LONG.format(limit=NAME_LIMIT)})


@login_required
def tokens(request):
    raw, error, status = None, None, 200
    form = TokenForm(request.POST if request.method == "POST" and "revoke" not in request.POST else None)
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                pk = request.POST["revoke"]  # a token's id; anything else names no token of this user
                api_token_revoke(actor=actor_of(request),
                                 token=get_object_or_404(ApiToken, pk=int(pk) if pk.isdecimal() and len(pk) < 10
                                                         else None, user=request.user))
            elif form.is_valid():
                _, raw = api_token_create(actor=actor_of(request), name=form.cleaned_data["name"])
                form = TokenForm()
            else:
                status = 400
        except ValidationError as exc:
            error, status = exc.messages[0], 400
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"), "raw": raw, "error": error,
        "form": form,
    }, status=status)


from django.contrib import messages  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.shortcuts import redirect  # noqa: E402

from thidua.accounts.models import Role  # noqa: E402
from thidua.accounts.services import (  # noqa: E402
    MSG_PASSWORD_SHORT,
    MSG_PERSON_UNKNOWN,
    MSG_ROLE_TARGET,
    MSG_TARGET_UNKNOWN,
    MSG_USERNAME_TAKEN,
    role_assign,
    user_create,
)
from thidua.common.text import nfc  # noqa: E402
from thidua.organizations.models import Cluster, PartyOrg, Unit  # noqa: E402
from thidua.people.models import Person  # noqa: E402

MSG_NO_USER = "Không có tài khoản này."
from thidua.common.web import apply_errors, paginate, scope_of  # noqa: E402


class _TargetChecks:
    """The service's checks of a role's scope (codes that exist; a role other than admin or staff needs one),
    run with the fields' own so that one answer lists every problem."""

    def _target(self, field: str, model, what: str):
        code = nfc(self.cleaned_data[field]).upper()
        if code and not model.objects.filter(code=code).exists():
            raise forms.ValidationError(MSG_TARGET_UNKNOWN.format(what=what, code=code))
        return self.cleaned_data[field]

    def clean_unit_code(self):
        return self._target("unit_code", Unit, "đơn vị")

    def clean_party_code(self):
        return self._target("party_code", PartyOrg, "tổ chức đảng")

    def clean_cluster_code(self):
        return self._target("cluster_code", Cluster, "khối thi đua")

    def clean(self):
        data = super().clean()
        role = data.get("role")
        targets = ("unit_code", "party_code", "cluster_code")
        if role and role not in (Role.ADMIN, Role.STAFF) and not any(self.data.get(self.add_prefix(t)) for t in targets):
            self.add_error("unit_code", MSG_ROLE_TARGET.format(role=Role(role).label))
        return data


class UserCreateForm(TypedInFull, _TargetChecks, forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150, validators=[validate_text])
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, min_length=8,
                               error_messages={"min_length": MSG_PASSWORD_SHORT})
    full_name = forms.CharField(label="Họ và tên", required=False, max_length=150, validators=[validate_text])
    role = forms.ChoiceField(label="Vai trò", choices=[("", "—")] + Role.choices, required=False)
    unit_code = forms.CharField(label="Mã đơn vị (phạm vi)", required=False)
    party_code = forms.CharField(label="Mã tổ chức đảng (phạm vi)", required=False)
    cluster_code = forms.CharField(label="Mã khối thi đua (phạm vi)", required=False)
    citizen_id = forms.CharField(label="Gắn với hồ sơ (số CCCD)", required=False)

    def clean_username(self):
        value = self.cleaned_data["username"]
        if User.objects.filter(username=nfc(value)).exists():
            raise forms.ValidationError(MSG_USERNAME_TAKEN)
        return value

    def clean_citizen_id(self):
        value = self.cleaned_data["citizen_id"]
        if value and not Person.objects.filter(citizen_id=nfc(value)).exists():
            raise forms.ValidationError(MSG_PERSON_UNKNOWN)
        return value


class RoleForm(TypedInFull, _TargetChecks, forms.Form):
    username = forms.CharField(label="Tên đăng nhập")
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit_code = forms.CharField(label="Mã đơn vị", required=False)
    party_code = forms.CharField(label="Mã tổ chức đảng", required=False)
    cluster_code = forms.CharField(label="Mã khối thi đua", required=False)

    def clean_username(self):
        value = self.cleaned_data["username"]
        if not User.objects.filter(username=value).exists():
            raise forms.ValidationError(MSG_NO_USER)
        return value


@login_required
def users(request):
    scope = scope_of(request)
    if not scope.is_admin:
        raise PermissionDenied
    create = UserCreateForm(request.POST if request.POST.get("form") == "create" else None, prefix="u")
    role = RoleForm(request.POST if request.POST.get("form") == "role" else None, prefix="r")
    status = 200
    try:
        if create.is_bound and create.is_valid():
            user_create(actor=actor_of(request), scope=scope, **create.cleaned_data)
            messages.success(request, "Đã tạo tài khoản.")
            return redirect("accounts:users")
        if role.is_bound and role.is_valid():
            d = dict(role.cleaned_data)
            target = User.objects.filter(username=d.pop("username")).first()
            if target is None:
                raise ValidationError({"username": MSG_NO_USER})
            role_assign(actor=actor_of(request), scope=scope, user=target, **d)
            messages.success(request, "Đã gán vai trò.")
            return redirect("accounts:users")
    except ValidationError as exc:
        apply_errors(create if create.is_bound else role, exc)
    if create.is_bound or role.is_bound:
        status = 400
    page = paginate(request, User.objects.prefetch_related("roles__unit", "roles__party_org", "roles__cluster")
                    .order_by("username"), per_page=50)
    return render(request, "accounts/users.html", {"page": page, "create": create, "role": role}, status=status)
