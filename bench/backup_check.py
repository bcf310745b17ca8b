"""The README's backup and restore procedure, run on the soak's throwaway database and media.

pg_dump in the custom format, pg_restore into a new, empty database, and tar of the media folder
unpacked elsewhere; then every table's row count and every file's checksum are
compared with the originals.
"""

import hashlib
import subprocess
from pathlib import Path

import psycopg

TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
)


def row_counts(url):
    """{table: rows} of every table of the database at `url`."""
    with psycopg.connect(url) as connection:
        names = [name for (name,) in connection.execute(TABLES)]
        return {
            name: connection.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(name))
            ).fetchone()[0]
            for name in names
        }


def checksums(folder):
    """{path inside `folder`: sha256} of every file under `folder`."""
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _differences(name, original, restored):
    missing = sorted(original.keys() - restored.keys())
    changed = sorted(
        key for key in original.keys() & restored.keys() if original[key] != restored[key]
    )
    return [f"{name} {key} missing" for key in missing[:3]] + [
        f"{name} {key} differs" for key in changed[:3]
    ]


def round_trip(cluster, database, media_root, work_dir):
    """Back up `database` and the media, restore both beside them, compare; returns the figures."""
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    dump = work_dir / "backup.dump"
    restored = f"{database}_restored"
    cluster.dump(database, dump)
    cluster.create_database(restored)
    cluster.restore(dump, restored)
    archive = work_dir / "media.tar.gz"
    unpacked = work_dir / "restored-media"
    unpacked.mkdir()
    subprocess.run(["tar", "-C", str(media_root), "-czf", str(archive), "."], check=True)  # noqa: S603, S607
    subprocess.run(["tar", "-C", str(unpacked), "-xzf", str(archive)], check=True)  # noqa: S603, S607
    tables = row_counts(cluster.url(database))
    files = checksums(media_root)
    differences = _differences("table", tables, row_counts(cluster.url(restored)))
    differences += _differences("file", files, checksums(unpacked))
    return {
        "tables": len(tables),
        "rows": sum(tables.values()),
        "files": len(files),
        "differences": "; ".join(differences),
    }
