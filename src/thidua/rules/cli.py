"""`thidua eligibility --input FILE [--output FILE]`: answer a JSON document (no database)."""
from __future__ import annotations

import argparse
import json
import sys

from .engine import answer_document
from .validation import InvalidDocument

EXIT_OK, EXIT_INVALID = 0, 2
MSG_MALFORMED = "Tài liệu JSON không hợp lệ: dòng {line}, cột {col}: {msg}"
MSG_INVALID = "Tài liệu không hợp lệ tại {path}: {message}"
MSG_READ = "Không đọc được tệp {path}: {error}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thidua eligibility",
                                     description="Xét điều kiện danh hiệu, hình thức khen thưởng "
                                                 "theo tài liệu JSON (docs/eligibility-json.md)")
    parser.add_argument("--input", "-i", help="tệp JSON câu hỏi (mặc định: đầu vào chuẩn)")
    parser.add_argument("--output", "-o", help="tệp JSON trả lời (mặc định: đầu ra chuẩn)")
    return parser


def cli_main(argv: list[str] | None = None, stdin=None, stdout=None, stderr=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:          # argparse already printed its message
        return EXIT_INVALID if exc.code else EXIT_OK
    try:
        if args.input:
            with open(args.input, encoding="utf-8-sig") as fh:
                text = fh.read()
        else:
            text = stdin.read()
    except OSError as exc:
        print(MSG_READ.format(path=args.input, error=exc), file=stderr)
        return EXIT_INVALID
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        print(MSG_MALFORMED.format(line=exc.lineno, col=exc.colno, msg=exc.msg), file=stderr)
        return EXIT_INVALID
    try:
        result = answer_document(doc)
    except InvalidDocument as exc:
        print(MSG_INVALID.format(path=exc.path, message=exc.message), file=stderr)
        return EXIT_INVALID
    out = json.dumps(result, ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(out + "\n")
    else:
        stdout.write(out + "\n")
    return EXIT_OK
