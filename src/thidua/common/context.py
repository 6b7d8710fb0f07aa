"""Who does a change and from which request: passed to every service."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user: object  # django User or None for system jobs
    request_id: str = ""

    @property
    def label(self) -> str:
        return getattr(self.user, "username", "") or "system"
