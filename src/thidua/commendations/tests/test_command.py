import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_thidua_propose_proposes_everyone_eligible(rnd, staff, capsys):
    call_command("propose", "--round", str(rnd.pk), "--unit", "PA1", "--forms", "LDTT,CSTDCS")
    assert "Đã đề nghị 3 trường hợp đủ điều kiện" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Đợt này không nhận đề nghị Giấy khen"):
        call_command("propose", "--round", str(rnd.pk), "--unit", "PA1", "--forms", "GK")
    with pytest.raises(CommandError, match="Mã đơn vị không tồn tại"):
        call_command("propose", "--round", str(rnd.pk), "--unit", "NOPE", "--forms", "LDTT")
