"""The layers hold, and the checks fail when a change breaks them (shown on a copy of the tree)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.layers import Layers, violations

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "twincity"
LAYERS = Layers.from_pyproject(ROOT / "pyproject.toml")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    """A copy of the source tree and the contracts, to break on purpose."""
    copy = tmp_path_factory.mktemp("tree")
    shutil.copytree(PACKAGE, copy / "twincity", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH puts the copy before the editable install of the real tree.
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True
    )


def add_line(path: Path, line: str) -> None:
    path.write_text(path.read_text() + line)


def test_templates_and_module_strings_keep_the_layers():
    assert violations(PACKAGE, LAYERS) == []


def test_every_app_is_in_a_layer():
    apps = {path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists()}
    assert {app for app in apps if LAYERS.level_of(app) is None} == set()


def test_an_app_may_depend_only_downwards():
    assert LAYERS.allows("events", "talent")
    assert LAYERS.allows("portal", "core")
    assert not LAYERS.allows("core", "portal")
    assert not LAYERS.allows("talent", "news"), "siblings of one layer are independent"
    assert not LAYERS.allows("directory", "talent")


def test_a_template_include_or_a_module_string_upwards_is_caught(tree_copy):
    copy = tree_copy / "twincity"
    add_line(
        copy / "directory/templates/directory/organisation_list.html",
        '{% include "talent/includes/fair_card.html" %}{% load tourism_tags %}',
    )
    add_line(
        copy / "core/hooks.py",
        '\n\ndef late():\n    return import_module("twincity.events.selectors")\n',
    )
    add_line(copy / "news/models.py", '\n\nmissing = ForeignKey("tourism.PlacePage")\n')
    caught = {(d.source_app, d.target_app) for d in violations(copy, LAYERS)}
    assert caught == {
        ("directory", "talent"),
        ("directory", "tourism"),
        ("core", "events"),
        ("news", "tourism"),
    }


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is a test dependency")
def test_import_linter_keeps_the_contracts_and_breaks_on_a_hidden_import(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "twincity", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    kept = lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    # An import inside a function, upwards from the ground, and Django in an engine.
    add_line(
        tmp_path / "twincity/core/localisation.py",
        "\n\ndef shell():\n    from twincity.portal import models\n\n    return models\n",
    )
    add_line(tmp_path / "twincity/tourism/planner/model.py", "\nimport django  # noqa\n")
    broken = lint_imports(tmp_path)
    assert broken.returncode == 1
    assert "twincity.core.localisation -> twincity.portal.models" in broken.stdout
    assert "twincity.tourism.planner.model -> django" in broken.stdout
