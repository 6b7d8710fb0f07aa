"""The `thidua` console script.

    thidua serve | worker | migrate | demo | generate | import | export | eligibility | createuser

`eligibility` runs the pure rules engine on a JSON document (no database needed);
every other command is a Django management command with the project settings."""
import os
import sys

HELP = """thidua — thi đua, khen thưởng, đánh giá xếp loại

Cách dùng: thidua <lệnh> [tùy chọn]   (thidua <lệnh> --help để xem chi tiết)

Lệnh:
  serve         chạy máy chủ web production (granian, WSGI); --host, --port, --workers
  worker        chạy tiến trình xử lý tác vụ nền (nhập Excel, xét danh hiệu hàng loạt)
  migrate       tạo/cập nhật cơ sở dữ liệu
  demo          nạp dữ liệu mẫu (đơn vị, khối thi đua trong các bài báo, cán bộ, lịch sử) và tài khoản mẫu
  generate      sinh dữ liệu quy mô tỉnh để đo hiệu năng: --people 100000 --years 10
  import        nhập tệp Excel: thidua import units|people|history FILE.xlsx [--dry-run]
  export        xuất Excel: thidua export units|people|history|clusters FILE.xlsx [--unit MÃ]
  template      tải mẫu Excel rỗng: thidua template units|people|history FILE.xlsx
  render        xuất văn bản hoặc in bằng: --kind decision --data qd.json --format pdf --out qd.pdf;
                --certificates bang_khen --list danh-sach.xlsx --out bang.pdf
  eligibility   xét điều kiện theo tài liệu JSON: --input questions.json [--output answers.json]
  createuser    tạo tài khoản: --username --password --role --unit MÃ
  remind        thư nhắc việc hằng ngày (mỗi người một thư), cho cron: [--date dd/mm/yyyy]
  calendar      ngày nghỉ lễ, nghỉ bù, làm bù của một năm; --add NGÀY N, --between NGÀY1 NGÀY2
  propose       đề nghị khen thưởng mọi người đủ điều kiện: --round SỐ --unit MÃ --forms LDTT,CSTDCS
  manage        mọi lệnh quản trị Django khác (thidua manage <lệnh>)

Biến môi trường: THIDUA_DATABASE_URL (mặc định SQLite ở ./var/thidua.sqlite3),
THIDUA_DEBUG, THIDUA_SECRET_KEY, THIDUA_ALLOWED_HOSTS, THIDUA_VAR_DIR, THIDUA_EMAIL_URL (xem README.md).
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(HELP)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "eligibility":
        from thidua.rules import cli_main

        return cli_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.core.management import execute_from_command_line

    if command == "manage":
        execute_from_command_line(["thidua", *rest])
        return 0
    if command == "worker":
        # jobs left running by a worker that died (kill -9) are marked failed first, then the queue runs
        execute_from_command_line(["thidua", "expire_jobs"])
        execute_from_command_line(["thidua", "db_worker", *rest])
        return 0
    execute_from_command_line(["thidua", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
