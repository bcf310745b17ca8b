"""A throwaway PostgreSQL cluster of the soak's own, on loopback, that it may stop and start.

The soak restarts its database during the load; a shared server must never be restarted, so it
makes its own cluster with the installed PostgreSQL's initdb and pg_ctl, trusts local
connections on 127.0.0.1 only, and deletes it at the end. PostgreSQL refuses to run as root:
as root, the cluster belongs to the `postgres` system user and its commands run as that user.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

SUPERUSER = "postgres"
#: Where Debian's packages put each major version's server programs.
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"


def find_binaries():
    """The directory holding initdb and pg_ctl (PG_BINDIR, PATH, then Debian's), or None."""
    candidates = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)

    def major_version(directory):
        match = re.search(r"/(\d+)/bin$", str(directory))
        return int(match.group(1)) if match else 0

    candidates += sorted(Path("/").glob(DEBIAN_BINARIES.lstrip("/")), key=major_version)[::-1]
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


class PrivateCluster:
    """initdb, start, stop and delete one cluster under `directory`, listening on `port`."""

    def __init__(self, binaries, directory, port, host="127.0.0.1"):
        self.binaries = Path(binaries)
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.log = self.directory / "postgresql.log"
        self.port = port
        self.host = host
        self.as_postgres = os.geteuid() == 0

    def url(self, database):
        return f"postgres://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def _run(self, program, *args):
        command = [str(self.binaries / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        # Output goes to the log: a failure is reported with the log's name.
        with self.log.open("ab") as log:
            subprocess.run(command, stdout=log, stderr=log, check=True)  # noqa: S603

    def create(self):
        self.directory.mkdir(parents=True, exist_ok=False)
        if self.as_postgres:
            shutil.chown(self.directory, SUPERUSER, SUPERUSER)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-instructions",
        )

    def start(self):
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -c listen_addresses={self.host} "
            # TCP only: a Unix socket in a deep directory would exceed the path length limit.
            "-c unix_socket_directories=''"
        )
        self._run("pg_ctl", "start", "--pgdata", str(self.data), "--wait", "-o", options)

    def stop(self):
        """A fast shutdown, as a restart by an administrator: clients are disconnected."""
        self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--wait", "--mode", "fast")

    def is_running(self):
        command = [str(self.binaries / "pg_ctl"), "status", "--pgdata", str(self.data)]
        if self.as_postgres:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0  # noqa: S603

    def _client(self, program, *args):
        """A client program, as the current user: it reads and writes the soak's own files."""
        connection = ("--host", self.host, "--port", str(self.port), "--username", SUPERUSER)
        command = [str(self.binaries / program), *connection, *args]
        subprocess.run(command, check=True)  # noqa: S603 - our own arguments

    def create_database(self, name):
        self._client("createdb", name)

    def dump(self, database, path):
        """pg_dump in the custom format, as the README's backup."""
        self._client("pg_dump", "--format=custom", "--file", str(path), database)

    def restore(self, path, database):
        """pg_restore into an existing, empty database, as the README's restore."""
        self._client("pg_restore", "--no-owner", "--exit-on-error", "--dbname", database, str(path))

    def delete(self, keep_log_as=None):
        """Stop the server if it runs, then remove the whole directory (keeping the log)."""
        if keep_log_as and self.log.exists():
            shutil.copyfile(self.log, keep_log_as)
        if self.data.exists() and self.is_running():
            # No shutdown checkpoint: the cluster is thrown away, and writing it takes seconds.
            self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--wait", "--mode", "immediate")
        shutil.rmtree(self.directory, ignore_errors=True)
