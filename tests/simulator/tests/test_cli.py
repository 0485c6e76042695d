"""``python -m boomisim``: starts, prints the listening line, serves, stops on SIGTERM/SIGINT."""

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(*args):
    env = dict(os.environ, PYTHONPATH=SIMULATOR_DIR)
    command = [sys.executable, "-m", "boomisim"] + list(args)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)  # pylint: disable=consider-using-with
    line = process.stdout.readline().strip()
    return process, line


def _stop(process, sig):
    process.send_signal(sig)
    try:
        return process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_starts_serves_and_stops(sig):
    port = _free_port()
    process, line = _start("--port", str(port), "--host", "127.0.0.1", "--jwt-lifetime", "60")
    try:
        assert line == "boomisim listening on http://127.0.0.1:%d" % port
        answer = requests.get("http://127.0.0.1:%d/auth/jwt/generate/acme-4F7K2Q" % port, auth=("ops@acme.example", "sim-password"), timeout=5)
        assert answer.status_code == 200
        payload = answer.text.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        assert claims["exp"] - claims["iat"] == 60
        counts = requests.get("http://127.0.0.1:%d/_sim/counts" % port, timeout=5).json()
        assert counts["by_operation"] == {"jwt.generate": 1}
    finally:
        started = time.monotonic()
        code = _stop(process, sig)
    assert code == 0
    assert time.monotonic() - started < 5


def test_cli_with_a_custom_seed(tmp_path):
    with open(os.path.join(SIMULATOR_DIR, "boomisim", "data", "seed.json"), encoding="utf-8") as handle:
        seed = json.load(handle)
    seed["environments"] = seed["environments"][:1]
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    process, line = _start("--port", "0", "--seed", str(path))
    try:
        assert line.startswith("boomisim listening on http://127.0.0.1:")
        url = line.split(" on ", 1)[1]
        answer = requests.post(url + "/api/rest/v1/acme-4F7K2Q/Environment/query", json={}, auth=("ops@acme.example", "sim-password"),
                               headers={"Accept": "application/json"}, timeout=5)
        assert answer.json()["numberOfResults"] == 1
    finally:
        assert _stop(process, signal.SIGTERM) == 0
