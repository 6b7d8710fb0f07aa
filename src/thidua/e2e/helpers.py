"""Steps the browser tests share."""


def login(page, base: str, username: str, password: str = "matkhau-123") -> None:
    """Log in through the login form (cookies cleared first, so a test can switch users)."""
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
