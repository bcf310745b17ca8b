"""Settings fail closed: production needs its secrets, development refuses to run without DEBUG."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "brandsite.settings.production",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "cocreate.example",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "ACCOUNT_EMAIL_VERIFICATION"
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_requires_verified_email_and_compressed_static_files():
    code = (
        "from django.conf import settings as s;"
        "print(s.ACCOUNT_EMAIL_VERIFICATION, s.STORAGES['staticfiles']['BACKEND'], s.DEBUG)"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV)
    assert result.stdout.split() == [
        "mandatory",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
    ]


def test_development_settings_refuse_debug_off_with_their_own_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="brandsite.settings.dev", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "refuse to run with DEBUG off" in result.stderr


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    # A database restart then costs no error and no restart of the web processes (`make soak`).
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV)
    assert result.stdout.split() == ["60", "True"]


def test_a_sqlite_file_lets_visitors_read_while_a_writer_holds_its_transaction(tmp_path):
    # Several gunicorn workers share the embedded database: WAL, and writers queue at BEGIN.
    database = tmp_path / "shared.sqlite3"
    code = (
        "from django.db import connection, transaction;"
        "connection.cursor().execute('create table t (n integer)');"
        "reader = __import__('sqlite3').connect(connection.settings_dict['NAME']);"
        "atomic = transaction.atomic(); atomic.__enter__();"
        "connection.cursor().execute('insert into t values (1)');"
        "print(reader.execute('select count(*) from t').fetchone()[0],"
        " connection.cursor().execute('pragma journal_mode').fetchone()[0]);"
        "atomic.__exit__(None, None, None)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="brandsite.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
    )
    assert result.stdout.split() == ["0", "wal"], result.stderr
