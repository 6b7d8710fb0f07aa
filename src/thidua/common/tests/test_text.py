import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from thidua.common.text import fold, nfc


def test_it_folds_vietnamese_names():
    assert fold("Nguyễn Văn Thắng") == "nguyen van thang"
    assert fold("ĐẶNG CÔNG HUẨN") == "dang cong huan"
    assert fold("  Đỗ   Xuân  Quý ") == "do xuan quy"


def test_it_folds_decomposed_input_like_composed():
    decomposed = unicodedata.normalize("NFD", "Trần Thị Lan")
    assert fold(decomposed) == fold("Trần Thị Lan") == "tran thi lan"
    assert nfc(decomposed) == "Trần Thị Lan"


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐĂÂÊÔƠƯ"))
def test_folding_is_idempotent_and_ascii(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()


def test_vietnamese_is_the_default_and_english_a_choice(client, django_user_model):
    user = django_user_model.objects.create_user(username="u1", password="matkhau-123", is_superuser=True)
    client.force_login(user)
    resp = client.get("/don-vi/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Cây đơn vị" in resp.content.decode() and resp["Content-Language"] == "vi"
    client.cookies["django_language"] = "en"
    html = client.get("/don-vi/").content.decode()
    assert "Cây đơn vị" not in html and "Unit" in html
