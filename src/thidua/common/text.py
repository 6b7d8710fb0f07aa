"""Vietnamese text helpers: NFC normalisation and accent folding for search."""
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str | None) -> str:
    """Normalise user input to NFC and collapse inner whitespace."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value: str | None) -> str:
    """Lower case, no diacritics, đ→d: the search key ("Nguyễn Văn Thắng" → "nguyen van thang")."""
    if not value:
        return ""
    text = unicodedata.normalize("NFD", str(value).translate(_SPECIAL))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())
