"""The API documentation page speaks Vietnamese: the API's own text and Swagger UI's fixed words."""
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ENGLISH = ["Try it out", "Execute", "Parameters", "Responses", "Authorize", "Schemas", "Example Value"]


def test_the_swagger_page_has_no_english_interface_words(live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock-summary")
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector("text=Thử gọi")
    page.click("text=Thử gọi")
    page.wait_for_selector("text=Gửi yêu cầu")
    text = page.inner_text("#swagger-ui")
    assert "Tham số" in text and "Xác thực" in text
    assert not [word for word in ENGLISH if word in text], [word for word in ENGLISH if word in text]
