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
