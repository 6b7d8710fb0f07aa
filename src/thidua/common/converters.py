"""The `code` URL converter: any stored code of a unit, cluster or party organisation reaches its page.

New codes are letters, digits, "-", "_" and "." (common.clean), but codes stored before that rule
(or written by an operator's command) may hold "/" or "%". Django's `str` converter cannot reverse
such a code (NoReverseMatch: the unit's page and every page linking to it answered 500), so the
converter writes "/" as %2F and "%" as %25 inside the path segment (Django escapes the "%" once
more in reverse, the server decodes it once) and reads them back."""
from urllib.parse import unquote


class CodeConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return unquote(value) if "%" in value else value

    def to_url(self, value) -> str:
        return str(value).replace("%", "%25").replace("/", "%2F")
