"""`thidua serve` restarts dead workers: both workers killed (kill -9), the server answers again."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SPAWNED = re.compile(r"Spawning worker-\d+ with PID: (\d+)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/tai-khoan/dang-nhap/", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_respawns_killed_workers(tmp_path: Path):
    port, log = _free_port(), tmp_path / "serve.log"
    env = {**os.environ, "THIDUA_SECRET_KEY": "test-only", "THIDUA_SECURE_COOKIES": "0",
           "THIDUA_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "thidua.cli", "serve", "--port", str(port), "--workers", "2"],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        assert _wait(lambda: _answers(port), 90), log.read_text()
        first = SPAWNED.findall(log.read_text())
        assert len(first) == 2
        for pid in first:
            os.kill(int(pid), signal.SIGKILL)
        assert _wait(lambda: len(SPAWNED.findall(log.read_text())) >= 4, 30), log.read_text()
        assert server.poll() is None, log.read_text()
        assert _wait(lambda: _answers(port), 30), log.read_text()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
