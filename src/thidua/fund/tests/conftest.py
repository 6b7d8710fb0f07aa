import datetime

import pytest

D = datetime.date


@pytest.fixture
def officer_bo(org):
    """The ministry's emulation officer: writes the ministry's fund (BO)."""
    from django.contrib.auth.models import User

    from thidua.accounts.models import RoleAssignment

    user = User.objects.create_user(username="officer_bo", password="matkhau-123")
    RoleAssignment.objects.create(user=user, role="emulation_officer", unit=org["BO"])
    return user


@pytest.fixture
def fund_writer(officer_bo, actor_of, scope_of):
    """Keyword arguments for the services as the ministry's officer."""
    return {"actor": actor_of(officer_bo), "scope": scope_of(officer_bo)}


@pytest.fixture
def funded(org, fund_writer):
    """BO's fund of 2025 with 100,000,000 đ allocated (cap: 20% of a 1,000,000,000 đ salary fund)."""
    from thidua.fund import services as svc

    svc.fund_allocate(**fund_writer, owner=org["BO"], year=2025, amount=100_000_000, cap_basis="salary_fund",
                      basis_amount=1_000_000_000, date=D(2025, 1, 15))
    return org["BO"]
