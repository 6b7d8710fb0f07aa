"""Where uploads, error lists and export files are kept: MEDIA_ROOT/imports/, and the checks an upload
passes before anything of it is written there (size, and the real uncompressed size of the .xlsx)."""
import re
import struct
import uuid
import zipfile
import zlib
from pathlib import Path

from django.conf import settings

TOKEN_RE = re.compile(r"^(\d+)-([0-9a-f]{32})$")
MB = 1024 * 1024
MSG_TOO_BIG = "Tệp quá lớn ({size} MB): tối đa {limit} MB. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
MSG_INFLATES_TOO_MUCH = ("Tệp .xlsx này khi giải nén vượt quá {limit} MB (tệp nén bất thường): hệ thống không đọc "
                         "tệp này. Hãy mở tệp bằng Excel, lưu lại, hoặc chia dữ liệu thành nhiều tệp nhỏ hơn.")
MSG_UNKNOWN_COMPRESSION = ("Tệp .xlsx này được nén theo cách Excel không dùng (chỉ nhận kiểu nén thông thường): "
                           "hãy mở tệp bằng Excel và lưu lại.")
READ_CHUNK = 64 * 1024
LOCAL_HEADER = struct.Struct("<4s5H3L2H")   # the 30 bytes before a member's name, extra field and data


class UploadRefused(Exception):
    """An upload that is not kept: too large, or an .xlsx that inflates beyond the limit."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_MB", 20)) * MB


def max_uncompressed_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 300)) * MB


def check_upload(fileobj) -> int:
    """Refuse (UploadRefused, Vietnamese message) an upload over the size limit, or an .xlsx (a zip)
    whose members inflate beyond the uncompressed limit; return the uncompressed size (0 when the file
    is not a zip: the reader then says what is wrong with it).

    The zip directory's sizes are checked first (a bomb that declares its size is refused at once);
    then each member's compressed bytes, exactly those the reader (python-calamine) would inflate, are
    inflated here in small pieces and counted, so a directory that lies is caught too, with bounded
    memory and in about a second at most."""
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    if size > max_upload_bytes():
        raise UploadRefused(MSG_TOO_BIG.format(size=round(size / MB, 1), limit=max_upload_bytes() // MB))
    limit = max_uncompressed_bytes()
    refused = UploadRefused(MSG_INFLATES_TOO_MUCH.format(limit=limit // MB))
    raw = getattr(fileobj, "file", fileobj)
    try:
        raw.seek(0)
        if not zipfile.is_zipfile(raw):
            return 0
        with zipfile.ZipFile(raw) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limit:
                raise refused
            total = 0
            for member in members:
                total += _inflated_size(raw, member, limit - total, refused)
    except (zipfile.BadZipFile, struct.error, zlib.error, EOFError, ValueError):
        return 0   # not a readable zip: the reader reports it
    finally:
        raw.seek(0)
    return total


def _inflated_size(raw, member: zipfile.ZipInfo, budget: int, refused: UploadRefused) -> int:
    raw.seek(member.header_offset)
    header = LOCAL_HEADER.unpack(raw.read(LOCAL_HEADER.size))
    if header[0] != b"PK\x03\x04":
        raise zipfile.BadZipFile
    raw.seek(header[9] + header[10], 1)   # the member's name and extra field
    remaining = member.compress_size
    if member.compress_type == zipfile.ZIP_STORED:
        if remaining > budget:
            raise refused
        return remaining
    if member.compress_type != zipfile.ZIP_DEFLATED:
        # bzip2, lzma…: its inflated size cannot be counted here, so it is not passed on to the reader
        raise UploadRefused(MSG_UNKNOWN_COMPRESSION)
    inflater, produced = zlib.decompressobj(-15), 0
    while remaining and not inflater.eof:
        data = raw.read(min(READ_CHUNK, remaining))
        if not data:
            break
        remaining -= len(data)
        while data:
            produced += len(inflater.decompress(data, READ_CHUNK))
            if produced > budget:
                raise refused
            data = inflater.unconsumed_tail
    return produced


def root() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(user, fileobj) -> str:
    """Store an upload (already passed `check_upload`); the token names the file and binds it to its uploader."""
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


def discard_upload(user, token: str) -> None:
    """Remove an upload that will not be imported (refused by its preview)."""
    path = upload_path(user, token)
    if path is not None:
        path.unlink(missing_ok=True)
