import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]


def test_it_imports_without_django():
    code = ("import sys, thidua.rules, thidua.rules.forecast;"
            "print('django' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                         cwd=SRC, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_it_has_no_django_import_in_source():
    pkg = SRC / "thidua" / "rules"
    for path in pkg.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+django\b", text, re.MULTILINE), path
