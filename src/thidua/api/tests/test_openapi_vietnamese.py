"""The Swagger page reads Vietnamese: every operation's summary and description, the groups and
what each response status means (api/openapi_vi.py)."""
import re

import pytest

from thidua.api.main import api
from thidua.api.openapi_vi import OPERATIONS, RESPONSES, TAGS

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


@pytest.mark.parametrize("name,operation", list(_operations()))
def test_every_operation_is_described_in_vietnamese(name, operation):
    assert operation["operationId"] in OPERATIONS or VIETNAMESE.search(operation["summary"]), name
    assert VIETNAMESE.search(operation["summary"]), (name, operation["summary"])
    if operation.get("description"):
        assert VIETNAMESE.search(operation["description"]), (name, operation["description"])
    assert all(tag in {t for t, _ in TAGS.values()} for tag in operation["tags"]), (name, operation["tags"])
    for status, response in operation["responses"].items():
        assert response["description"] == RESPONSES[str(status)], (name, status)


def test_the_docs_page_and_schema_answer(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert {tag["name"] for tag in schema.json()["tags"]} <= {name for name, _ in TAGS.values()}
    page = client.get("/api/docs")
    assert page.status_code == 200 and 'lang="vi"' in page.content.decode()
