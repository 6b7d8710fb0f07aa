from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render


@login_required
def index(request):
    return render(request, "base.html", {"nav": "eligibility"})


@login_required
def unit_table(request, code):
    return render(request, "base.html", {"nav": "eligibility"})


@login_required
def person_card(request, pk):
    return HttpResponse("")
