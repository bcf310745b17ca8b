"""gunicorn on loopback, started in its own process group so that it can be stopped whole."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.load import PROXY_HEADERS

HOST = "127.0.0.1"


def free_port():
    """A TCP port nobody listens on now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`gunicorn --pythonpath site brandsite.wsgi` with sync workers, as the README deploys it."""

    def __init__(self, project_dir, port, workers, log_path):
        self.project_dir = Path(project_dir)
        self.port = port
        self.workers = workers
        self.log_path = Path(log_path)
        self.process = None

    def start(self, environment):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "--pythonpath",
            "site",
            "brandsite.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            # Several gunicorns on one machine would share the default control socket path.
            "--no-control-socket",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, no shell
                command,
                cwd=self.project_dir,
                env=environment,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def wait_until_ready(self, path, timeout=60):
        """Wait until `path` answers 200; refuse with the log's name if gunicorn died first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early: see {self.log_path}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", path, headers={"Host": HOST, **PROXY_HEADERS})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"gunicorn did not answer {path} within {timeout} s: see {self.log_path}"
        )

    def stop(self):
        """Stop the master and its workers (the whole process group), killing them if need be."""
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()
