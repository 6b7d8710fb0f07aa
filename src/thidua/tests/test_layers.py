"""The layers of docs/ARCHITECTURE.md hold: apps import downward only (function-level imports
count), and the rules engine imports no Django. The contracts are in pyproject.toml."""
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_import_contracts_are_kept():
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_function_level_imports_of_project_modules():
    """Imports inside functions hide the real dependencies (they were used to dodge cycles)."""
    offenders = []
    for path in sorted((ROOT / "src" / "thidua").rglob("*.py")):
        rel = path.relative_to(ROOT / "src")
        if {"tests", "e2e", "migrations"} & set(rel.parts) or path.name in ("conftest.py", "apps.py", "cli.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.lstrip()
            if line != stripped and (stripped.startswith("from thidua") or stripped.startswith("import thidua")):
                offenders.append(f"{rel}:{number}: {stripped}")
    assert offenders == []
