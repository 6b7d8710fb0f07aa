"""Where uploads, error lists and export files are kept: MEDIA_ROOT/imports/."""
import re
import uuid
from pathlib import Path

from django.conf import settings

TOKEN_RE = re.compile(r"^(\d+)-([0-9a-f]{32})$")


def root() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(user, fileobj) -> str:
    """Store an upload; the token names the file and binds it to its uploader."""
    token = f"{user.pk}-{uuid.uuid4().hex}"
    with open(root() / f"{token}.xlsx", "wb") as out:
        out.writelines(fileobj.chunks())
    return token


def upload_path(user, token: str) -> Path | None:
    match = TOKEN_RE.match(token or "")
    if not match or int(match.group(1)) != user.pk:
        return None
    path = root() / f"{token}.xlsx"
    return path if path.exists() else None


def errors_path(job_id: int) -> Path:
    return root() / f"errors-{job_id}.xlsx"


def export_path(job_id: int) -> Path:
    return root() / f"export-{job_id}.xlsx"
