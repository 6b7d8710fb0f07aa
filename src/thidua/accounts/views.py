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
                api_token_revoke(actor=actor_of(request),
                                 token=get_object_or_404(ApiToken, pk=request.POST["revoke"], user=request.user))
            else:
                _, raw = api_token_create(actor=actor_of(request), name=request.POST.get("name", ""))
        except ValidationError as exc:
            error = exc.messages[0]
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"), "raw": raw, "error": error,
    })
