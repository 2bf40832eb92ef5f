"""The settings' own files: the secret key a laptop keeps in var/ is readable by its owner only."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_local_secret_key_is_written_for_its_owner_only(tmp_path):
    env = {**os.environ, "TWINCITY_VAR_DIR": str(tmp_path), "DJANGO_SECRET_KEY": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "-c", "import twincity.settings"], cwd=ROOT, env=env, check=True
    )
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50
