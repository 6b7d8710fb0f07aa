from thidua.accounts.scope import scope_for_user


def scope(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_for_user(user)}
