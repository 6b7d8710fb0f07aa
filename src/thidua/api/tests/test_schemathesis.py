"""Schemathesis over the API's own OpenAPI schema (/api/schema/), called in-process through the
WSGI application, as an administrator (Bearer token): no input answers 5xx, every answer is one the
schema documents (status code, content type, body shape), and no request the schema calls valid is
refused (positive_data_acceptance) except by the rules JSON Schema cannot state (UNSTATABLE below).

Bounded: a few examples per operation (THIDUA_SCHEMATHESIS_EXAMPLES to raise it locally)."""
import json
import os
import re

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from thidua.accounts.services import api_token_create
from thidua.api import documents as api_documents
from thidua.api import errors as api_errors
from thidua.api.main import api
from thidua.api.units import MSG_NOTHING, MSG_RENAME_AND_UPDATE
from thidua.commendations import decisions as decisions_svc
from thidua.documents import placeholders as document_templates
from thidua.documents import services as documents
from thidua.fund import services as fund_svc
from thidua.notices import calendar as notices_calendar
from thidua.organizations import services as org
from thidua.people import validators as people_rules
from thidua.records import statistics
from thidua.records import validators as record_rules
from thidua.rules import bonus as bonus_rules

EXAMPLES = int(os.environ.get("THIDUA_SCHEMATHESIS_EXAMPLES", "15"))


def _rule(message: str) -> re.Pattern:
    """A message constant as a pattern: its {placeholders} match anything."""
    return re.compile("".join(".*" if i % 2 else re.escape(part)
                              for i, part in enumerate(re.split(r"\{[^}]*\}", message))) + "$", re.S)


# The rules of the API that JSON Schema cannot state: a 422 whose every field error is one of these
# is the API working, not a valid request refused. Each names the rule; any other refusal of a
# schema-valid request fails the test.
UNSTATABLE = {
    # existence of a referenced code (unit, parent, members…): data, not shape
    "mã tham chiếu phải có sẵn": [api_errors.MSG_UNKNOWN_UNIT, people_rules.MSG_UNIT_UNKNOWN,
                                  people_rules.MSG_PARTY_ORG_UNKNOWN, statistics.MSG_UNIT],
    # uniqueness against stored rows
    "mã, số CCCD, số thẻ, bản ghi năm chưa có": [org.MSG_CODE_TAKEN, people_rules.MSG_CCCD_TAKEN,
                                                 people_rules.MSG_CARD_TAKEN, record_rules.MSG_DUPLICATE],
    # state of the stored objects (closed units, people still posted, children still open)
    "trạng thái của đơn vị": [org.MSG_UNIT_CLOSED, org.MSG_PARENT_CLOSED, people_rules.MSG_UNIT_CLOSED,
                              org.MSG_CYCLE, org.MSG_HAS_PEOPLE, org.MSG_HAS_CHILDREN],
    # date ranges: JSON Schema (OpenAPI 3.1 too) has no minimum/maximum for a "date" string; the range
    # 1950 → today + 366 days moves every day (people.validators.date_range, check_birth_date)
    "khoảng ngày": [people_rules.MSG_DATE_RANGE, people_rules.MSG_BIRTH_DATE,
                    notices_calendar.MSG_YEAR_RANGE],  # the working calendar's years (2000–2100)
    # cross-field rules, written in the schema's descriptions
    "quan hệ giữa các trường": [people_rules.MSG_START_BEFORE_OPEN, people_rules.MSG_LEAVE_ORDER,
                                record_rules.MSG_CODE_SUBJECT, record_rules.MSG_STATS, org.MSG_NEED_TWO,
                                org.MSG_NEED_PARTS, org.MSG_HEAD_NOT_MEMBER, MSG_RENAME_AND_UPDATE, MSG_NOTHING,
                                statistics.MSG_YEARS],
    # official papers: a signed document is locked, the signer's authority, an annex row's width, what an
    # uploaded .docx holds (a file's content is not a schema)
    "văn bản đã ký, người ký, tệp mẫu": [
        documents.MSG_ALREADY_SIGNED, documents.MSG_SIGNED_LOCKED, documents.MSG_NO_AUTHORITY,
        documents.MSG_SIGNED_FUTURE, documents.MSG_ANNEX_ROW, documents.MSG_REQUIRED, api_documents.MSG_UNKNOWN_SIGNER,
        document_templates.MSG_NOT_DOCX, document_templates.MSG_SYNTAX, document_templates.MSG_UNKNOWN],
    # the fund: dated bonus tables, the ledger's balance, cap, year and decision level (thidua.fund)
    "bảng tiền thưởng theo ngày, sổ quỹ": [bonus_rules.MSG_NO_BASE, bonus_rules.MSG_NO_COEF,
                                           bonus_rules.MSG_POSTHUMOUS_TITLE, bonus_rules.MSG_COEF_NEEDED,
                                           bonus_rules.MSG_COEF_OVER, bonus_rules.MSG_COEF_FIXED, fund_svc.MSG_DATE_YEAR,
                                           fund_svc.MSG_OVER_BALANCE, fund_svc.MSG_OVER_CAP, fund_svc.MSG_OTHER_LEVEL,
                                           fund_svc.MSG_DECISION_AFTER, fund_svc.MSG_NOT_TABLE, fund_svc.MSG_CLOSED,
                                           fund_svc.MSG_ALREADY_PAID, fund_svc.MSG_SUBJECTS,
                                           fund_svc.MSG_CLAWBACK_TARGET, fund_svc.MSG_CLAWBACK_OVER,
                                           fund_svc.MSG_CARRY_TWICE],
    # decisions: the council's passed list, the decision's state, its rows, the issuer's leaders (thidua.commendations)
    "quyết định khen thưởng": [decisions_svc.MSG_SESSION_OPEN, decisions_svc.MSG_NOT_PASSED,
                               decisions_svc.MSG_NOT_CONFERRED_HERE, decisions_svc.MSG_ALREADY_DECIDED,
                               decisions_svc.MSG_NOTHING, decisions_svc.MSG_SIGNED, decisions_svc.MSG_NOT_SIGNED,
                               decisions_svc.MSG_NOT_AWARD_DECISION, decisions_svc.MSG_GROUNDS_REQUIRED,
                               decisions_svc.MSG_REVOKE_ROWS, decisions_svc.MSG_PAID_ALL, decisions_svc.MSG_AMOUNT,
                               decisions_svc.MSG_NO_SIGNER, decisions_svc.MSG_PAPER_EXISTS, documents.MSG_MANAGED,
                               api_documents.MSG_UNKNOWN_SIGNER],
}
_UNSTATABLE = [(rule, _rule(message)) for rule, messages in UNSTATABLE.items() for message in messages]
# operations whose body is a contract of its own, checked by thidua.rules, not by this schema:
# POST /eligibility/ reads the eligibility-json.md document ("type": "object" here)
UNSTATED_BODIES = {"POST /api/v1/eligibility/"}


def _only_unstatable_rules(response) -> bool:
    if response.status_code != 422:
        return False
    try:
        errors = json.loads(response.content)["detail"]
    except (ValueError, KeyError, TypeError):
        return False
    return bool(errors) and all(any(p.match(e.get("message", "")) for _, p in _UNSTATABLE) for e in errors)


def valid_request_accepted(ctx, response, case):
    """positive_data_acceptance, less the rules JSON Schema cannot state (UNSTATABLE)."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if case.operation.label in UNSTATED_BODIES or _only_unstatable_rules(response):
            return None
        raise


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          valid_request_accepted]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
schema.app = WSGIHandler()

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def admin_token(personas, actor_of):
    return api_token_create(actor=actor_of(personas["admin"]), name="schemathesis")[1]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as a server must; inside
    a test that would end the test's transaction (PostgreSQL). Django's test client does the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, admin_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"}, checks=CHECKS)
