"""`thidua demo` brings a round, proposals and a council in session; `--reset` removes them first."""
import pytest

from thidua.commendations.models import Nominee, Proposal, Round, Session
from thidua.synth.demo import load_demo, reset_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_has_a_round_proposals_and_a_council_voting():
    load_demo(people=60)
    assert Round.objects.get().state == "open"
    assert Proposal.objects.filter(answer__answer__eligible=True).count() == Proposal.objects.count() > 0
    session = Session.objects.get()
    assert session.state == "voting" and Nominee.objects.filter(session=session).exists()
    assert session.council.members.filter(user__username="hoidong", role="chair").exists()
    reset_demo()
    assert not Round.objects.exists() and not Proposal.objects.exists()
    load_demo(people=0)
    assert Round.objects.count() == 1
