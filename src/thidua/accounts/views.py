from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render

from thidua.accounts.models import ApiToken
from thidua.accounts.services import api_token_create, api_token_revoke
from thidua.common.web import actor_of


@login_required
def tokens(request):
    raw, error = None, None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                pk = request.POST["revoke"]  # a token's id; anything else names no token of this user
                api_token_revoke(actor=actor_of(request),
                                 token=get_object_or_404(ApiToken, pk=int(pk) if pk.isdecimal() and len(pk) < 10
                                                         else None, user=request.user))
            else:
                _, raw = api_token_create(actor=actor_of(request), name=request.POST.get("name", ""))
        except ValidationError as exc:
            error = exc.messages[0]
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"), "raw": raw, "error": error,
    })


from django import forms  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.shortcuts import redirect  # noqa: E402

from thidua.accounts.models import Role  # noqa: E402
from thidua.accounts.services import role_assign, user_create  # noqa: E402
from thidua.common.web import apply_errors, paginate, scope_of  # noqa: E402


class UserCreateForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, min_length=8)
    full_name = forms.CharField(label="Họ và tên", required=False, max_length=150)
    role = forms.ChoiceField(label="Vai trò", choices=[("", "—")] + Role.choices, required=False)
    unit_code = forms.CharField(label="Mã đơn vị (phạm vi)", required=False)
    party_code = forms.CharField(label="Mã tổ chức đảng (phạm vi)", required=False)
    cluster_code = forms.CharField(label="Mã khối thi đua (phạm vi)", required=False)
    citizen_id = forms.CharField(label="Gắn với hồ sơ (số CCCD)", required=False)


class RoleForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập")
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit_code = forms.CharField(label="Mã đơn vị", required=False)
    party_code = forms.CharField(label="Mã tổ chức đảng", required=False)
    cluster_code = forms.CharField(label="Mã khối thi đua", required=False)


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
                raise ValidationError({"username": "Không có tài khoản này."})
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
