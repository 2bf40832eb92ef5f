"""The settings `make run` uses, with var/ (settings.VAR_DIR) replaced by a directory of the test run.

settings.py creates VAR_DIR, writes the secret key file into it and puts the SQLite database,
media, private media (CVs), collected static files and the shared file cache under it, all
when it is imported; pytest-django imports the settings before it reads any conftest.py, so
the directory is chosen here, before twincity.settings is imported.

Processes the tests start (the race tests' shells) inherit the run's directory; each xdist
worker has a directory of its own inside it (its own static files and shared cache, as it has
its own database). The process that made the directory deletes it when it exits.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

if "TWINCITY_TEST_RUN_DIR" not in os.environ:
    _run_dir = tempfile.mkdtemp(prefix="twincity-tests-")
    os.environ["TWINCITY_TEST_RUN_DIR"] = _run_dir
    atexit.register(shutil.rmtree, _run_dir, ignore_errors=True)

_var_dir = Path(os.environ["TWINCITY_TEST_RUN_DIR"]) / os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["TWINCITY_VAR_DIR"] = str(_var_dir)
# Paths set in a developer's shell would win over VAR_DIR: the tests use none of them.
for _name in ("SQLITE_PATH", "MEDIA_ROOT", "STATIC_ROOT", "PRIVATE_MEDIA_ROOT"):
    os.environ.pop(_name, None)
os.environ["EMAIL_FILE_PATH"] = str(_var_dir / "outbox")

from twincity.settings import *  # noqa: E402, F403
