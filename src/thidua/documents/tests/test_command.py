"""`thidua render`: documents from JSON and certificates from a list, read back from the files."""
import json

import pytest
from django.core.management import CommandError, call_command

from thidua.documents.tests.helpers import decision_data, docx_text, pdf_text


def test_it_renders_a_decision_from_json(org, tmp_path):
    source = tmp_path / "qd.json"
    source.write_text(json.dumps({"issuer": "VA", "summary": "Về việc tặng Bằng khen", "data": decision_data(5),
                                  "number": 5, "signed_on": "2027-01-05", "signer_name": "Trần Văn Bình",
                                  "signer_position": "Vụ trưởng"}), encoding="utf-8")
    out = tmp_path / "qd.pdf"
    call_command("render", kind="decision", data=str(source), format="pdf", out=str(out))
    text = pdf_text(out.read_bytes())
    assert "Số: 05/QĐ-VA" in text and "Hà Nội, ngày 05 tháng 01 năm 2027" in text and "Trần Văn Bình" in text
    out = tmp_path / "qd.docx"
    call_command("render", kind="decision", data=str(source), format="docx", out=str(out))
    assert "Nguyễn Thị Ánh Tuyết 5" in docx_text(out.read_bytes())


def test_it_prints_certificates_from_a_list(db, tmp_path):
    source = tmp_path / "ds.json"
    source.write_text(json.dumps([{"name": "Hoàng Thị Lụa", "golden_book": "12"}]), encoding="utf-8")
    out = tmp_path / "bang.pdf"
    call_command("render", certificates="bang_khen", list=str(source), out=str(out))
    assert "Hoàng Thị Lụa" in pdf_text(out.read_bytes())


def test_bad_input_is_a_vietnamese_error(db, tmp_path):
    source = tmp_path / "ds.json"
    source.write_text(json.dumps([{"unit": "x"}]), encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 1: thiếu họ và tên"):
        call_command("render", certificates="bang_khen", list=str(source), out=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Cần một trong ba"):
        call_command("render", out=str(tmp_path / "x.pdf"))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="Không đọc được tệp JSON"):
        call_command("render", kind="decision", data=str(bad), out=str(tmp_path / "x.pdf"))


def test_an_iso_date_in_a_json_list_prints_the_vietnamese_way(db, tmp_path):
    source = tmp_path / "ds.json"
    source.write_text(json.dumps([{"name": "Hoàng Thị Lụa", "decision_number": "05/QĐ-BTP",
                                   "decision_date": "2027-01-05"}]), encoding="utf-8")
    out = tmp_path / "bang.pdf"
    call_command("render", certificates="bang_khen", list=str(source), out=str(out))
    text = pdf_text(out.read_bytes())
    assert "05/01/2027" in text and "2027-01-05" not in text
