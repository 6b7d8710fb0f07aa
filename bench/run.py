"""thidua benchmark harness: writes bench/results.json (see bench/README.md).

    .venv/bin/python bench/run.py [--people 100000] [--years 10] [--skip import,engine,db]

Database: THIDUA_DATABASE_URL (PostgreSQL when set, else the SQLite file of the settings).
The synthetic province (`thidua generate`) is built into that database when it is missing
(detected by counts) and reused afterwards. The import benchmark runs in a child process
against a separate, freshly created database (PostgreSQL: `<name>_imp`; SQLite: var/bench_imp.sqlite3).

bench/ is not a package: this script puts its own folder (harness.py, engine.py, eligibility_db.py,
imports.py) and src/ on sys.path, sets Django up, then hands over to harness.main().
"""
import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402  (after the path and the settings module are set)

django.setup()

from harness import main  # noqa: E402  (harness imports models: only after django.setup())

if __name__ == "__main__":
    sys.exit(main())
