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


# Vietnamese dictionary order (Vietnam Lexicography Centre, "Quy tắc sắp xếp theo ABC", Vũ Xuân Lương):
# letters first (a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z), then, for syllables
# with the same letters, the tone: none, huyền, hỏi, ngã, sắc, nặng.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODE = {ch: f"{i + 20:02d}" for i, ch in enumerate(_LETTERS)}
_LETTER_CODE.update({str(d): f"1{d}" for d in range(10)})  # digits before letters
_MODIFIED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
             ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
SORT_KEY_LENGTH = 400


def _word_key(word: str) -> str:
    """One syllable: two digits per letter, "00" at its end (so "cha" < "chan"), then one digit of tone."""
    letters, tone = [], "0"
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif unicodedata.category(ch) == "Mn":
            if letters and (letters[-1], ch) in _MODIFIED:
                letters[-1] = _MODIFIED[(letters[-1], ch)]
        else:
            letters.append(ch)
    return "".join(_LETTER_CODE.get(ch, "99") for ch in letters) + "00" + tone


def name_sort_key(full_name: str | None) -> str:
    """The key Vietnamese lists sort people by: given name (the last word), then surname (the first),
    then the middle names, each in dictionary order ("Đ" after "D", tones in their order).

    Made of digits only, so that every database collation orders it the same way.
    """
    words = nfc(full_name).split()
    if not words:
        return ""
    ordered = [words[-1]] + (words[:1] if len(words) > 1 else []) + words[1:-1]
    return "".join(_word_key(w) for w in ordered)[:SORT_KEY_LENGTH]
