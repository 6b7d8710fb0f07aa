"""People lists sort the Vietnamese way, in the database: given name, surname, middle names; Đ after D;
tones none, huyền, hỏi, ngã, sắc, nặng (Vietnam Lexicography Centre's ABC rules)."""
import datetime

import pytest
from django.test import Client

from thidua.common.text import name_sort_key
from thidua.people import services as ppl
from thidua.people.models import Person


def test_letters_first_then_tones():
    expected = ["ba", "bà", "bả", "bã", "bá", "bạ", "bác", "bạc", "bách", "bai", "cha", "chan", "dư", "đa"]
    assert sorted(reversed(expected), key=name_sort_key) == expected
    # the order of the letters a ă â b …
    assert sorted(["ăn", "ba", "an", "âm"], key=name_sort_key) == ["an", "ăn", "âm", "ba"]
    assert sorted(["Đức", "Dũng", "Du"], key=name_sort_key) == ["Du", "Dũng", "Đức"]


def test_given_name_then_surname_then_middle_name():
    names = ["Nguyễn Văn Đức", "Trần Dũng", "Lê Thị An", "Đỗ Văn An", "Dương Văn An", "Nguyễn Thị Bích An",
             "Nguyễn An", "Phạm Ánh", "Bùi Anh"]
    assert sorted(names, key=name_sort_key) == [
        "Dương Văn An", "Đỗ Văn An", "Lê Thị An", "Nguyễn An", "Nguyễn Thị Bích An", "Bùi Anh", "Phạm Ánh",
        "Trần Dũng", "Nguyễn Văn Đức"]
    # the key is independent of case, NFC/NFD and spacing, and made of digits only (any collation agrees)
    assert name_sort_key("nguyễn  VĂN đức") == name_sort_key("Nguyễn Văn Đức")
    assert name_sort_key("Nguye\u0303\u0302n Văn Đức") == name_sort_key("Nguyễn Văn Đức")
    assert name_sort_key("Nguyễn Văn Đức").isdigit()


@pytest.mark.django_db
def test_the_list_the_api_and_the_export_agree(people, org, system_actor, root_scope, personas):
    for i, name in enumerate(["Đỗ Văn An", "Dương Văn An", "Trần Văn Ánh", "Lê Anh", "Hoàng Thị Đào"]):
        ppl.person_create(actor=system_actor, scope=root_scope, citizen_id=f"00109000010{i}", full_name=name,
                          unit=org["PA1"], staff_type="civil_servant", start=datetime.date(2020, 1, 1))
    expected = sorted(Person.objects.values_list("full_name", flat=True), key=name_sort_key)
    assert expected[:3] == ["Dương Văn An", "Đỗ Văn An", "Lê Anh"]
    c = Client()
    c.force_login(personas["admin"])
    html = c.get("/ca-nhan/").content.decode()
    assert sorted(expected, key=html.index) == expected
    api = c.get("/api/v1/people/").json()
    assert [p["full_name"] for p in api["items"]] == expected
    # a renamed person moves
    ppl.person_update(actor=system_actor, scope=root_scope, person=people["lan"], full_name="Trần Thị Ấn")
    assert Person.objects.get(pk=people["lan"].pk).sort_key == name_sort_key("Trần Thị Ấn")
