from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from thidua.audit.versioning import cached
from thidua.common.web import scope_of
from thidua.organizations.selectors import cluster_list_for_user, unit_list_for_user
from thidua.people.models import Person


@login_required
def home(request):
    scope = scope_of(request)
    if not scope.has("view") and scope.person_id is not None:
        return redirect("people:person_detail", pk=scope.person_id)
    ctx = {
        # the same for every user of the same reach, until the data changes
        **cached("home-counts", scope.view_key(), lambda: {
            "n_units": unit_list_for_user(scope, include_closed=False).count(),
            "n_people": Person.objects.filter(scope.people_q()).count(),
            "n_clusters": cluster_list_for_user(scope).count(),
        }),
        "own_person_id": scope.person_id,
    }
    return render(request, "thidua/home.html", ctx)
