"""Many signatures at once on PostgreSQL: each gets its own number, none repeats, none is skipped."""
import datetime
import threading

import pytest
from django.db import connection, connections

from thidua.documents import services as svc
from thidua.documents.models import Document, DocumentCounter
from thidua.documents.tests.helpers import decision_data

SIGNATURES = 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_signatures_get_distinct_numbers(personas, org, actor_of, scope_of):
    office = personas["officer_a"]
    actor, scope = actor_of(office), scope_of(office)
    drafts = [svc.document_draft(actor=actor, scope=scope, kind="decision", issuer=org["VA"],
                                 summary=f"Về việc {i}", data=decision_data(1)) for i in range(SIGNATURES)]
    leader, start, errors = personas["leader_a"], threading.Barrier(SIGNATURES), []

    def sign(document):
        try:
            start.wait()
            svc.document_sign(actor=actor, scope=scope, document=document, signer_user=leader,
                              signed_on=datetime.date(2026, 1, 5))
        except Exception as exc:  # collected: an assertion in a thread would be lost
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == list(range(1, SIGNATURES + 1))
    assert DocumentCounter.objects.get(issuer=org["VA"], year=2026, series="").last == SIGNATURES
