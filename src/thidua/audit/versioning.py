"""What many users read, computed once per change of the data.

`data_version()` is the number of audit.models.DataVersion: it grows at the commit of every transaction that
wrote an audit event, and every change to business data writes one (every service audits; the bulk writers
too). `cached(namespace, parts, compute)` keeps what `compute()` returned under (namespace, parts, language,
that number): after any committed change the key is new and the next reader computes afresh, so a cached
page never shows data older than the last commit it could see. Only what is the same for every user who
may open it goes through here (a unit's eligibility table, its quota counts), after the page checked the
user's scope. The cache is Django's (settings.CACHES: per process by default; THIDUA_CACHE_URL for a
shared one)."""
import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from thidua.audit.models import DataVersion

CACHE_SECONDS = 6 * 3600


def data_version() -> int:
    """The committed data version (0 before the first audited change)."""
    return DataVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def cache_key(namespace: str, parts: tuple, version: int | None = None) -> str:
    version = data_version() if version is None else version
    digest = hashlib.sha1(repr((parts, get_language())).encode()).hexdigest()
    return f"thidua:{namespace}:{version}:{digest}"


def cached(namespace: str, parts: tuple, compute, timeout: int = CACHE_SECONDS, version: int | None = None):
    """compute() once per data version for these parts; its result must be picklable and not None.
    `version`: the data version when the caller read it already (a page caching several parts reads it once)."""
    key = cache_key(namespace, parts, version)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
