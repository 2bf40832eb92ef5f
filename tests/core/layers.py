"""The dependencies between the apps that import-linter cannot see, read from the source tree.

import-linter (`make test` runs `lint-imports`) checks Python imports, those inside functions
included, against the contracts in pyproject.toml. The same layers apply to what it cannot see:
- templates: `{% include %}`, `{% extends %}` of another app's template, `{% load %}` of another
  app's tag library;
- strings that name a module or model: `import_module("twincity.x...")`,
  `apps.is_installed("twincity.x")`, `ForeignKey("x.Model")`, `subpage_types = ["x.Page"]`.
The templates in the project's own folder (twincity/templates: the layout every app extends
and the error pages) belong to the project, like settings.py and urls.py, not to a layer.
"""

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_TAG = re.compile(r"{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
LOAD_TAG = re.compile(r"{%\s*load\s+([\w\s]+?)\s*%}")
MODULE_STRING = re.compile(r"^twincity\.(\w+)")
MODEL_STRING = re.compile(r"^(\w+)\.[A-Z]\w*$")
# Calls and class attributes whose string arguments name a module or a model of an app.
NAMING_CALLS = {"import_module", "is_installed", "get_model", "ForeignKey", "OneToOneField",
                "ManyToManyField", "ParentalKey", "ParentalManyToManyField"}  # fmt: skip
NAMING_ATTRIBUTES = {"subpage_types", "parent_page_types"}


@dataclass(frozen=True, order=True)
class Dependency:
    source_app: str
    target_app: str
    where: str  # file and what names the target


@dataclass(frozen=True)
class Layers:
    """The layers contract of pyproject.toml: top first; apps of one layer are independent."""

    levels: list[list[str]]

    @classmethod
    def from_pyproject(cls, pyproject: Path) -> "Layers":
        config = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]
        contract = next(c for c in config["contracts"] if c["type"] == "layers")
        return cls([[app.strip() for app in level.split("|")] for level in contract["layers"]])

    def level_of(self, app: str) -> int | None:
        return next((n for n, level in enumerate(self.levels) if app in level), None)

    def allows(self, source: str, target: str) -> bool:
        """An app may depend on an app of a lower layer (a higher index), never up or sideways."""
        source_level, target_level = self.level_of(source), self.level_of(target)
        if source == target or source_level is None or target_level is None:
            return True
        return target_level > source_level


def app_dirs(package: Path) -> dict[str, Path]:
    return {path.name: path for path in sorted(package.iterdir()) if (path / "apps.py").exists()}


def template_owners(package: Path) -> dict[str, str]:
    """Each template name, e.g. "talent/includes/fair_card.html", and the app that holds it."""
    owners = {}
    for app, folder in app_dirs(package).items():
        for template in (folder / "templates").rglob("*"):
            if template.is_file():
                owners[str(template.relative_to(folder / "templates"))] = app
    return owners


def tag_library_owners(package: Path) -> dict[str, str]:
    return {
        library.stem: app
        for app, folder in app_dirs(package).items()
        for library in (folder / "templatetags").glob("*.py")
        if library.stem != "__init__"
    }


def template_dependencies(package: Path) -> list[Dependency]:
    owners, libraries = template_owners(package), tag_library_owners(package)
    found = []
    for app, folder in app_dirs(package).items():
        for template in (folder / "templates").rglob("*"):
            if not template.is_file() or template.suffix not in {".html", ".txt", ".xml"}:
                continue
            text, where = template.read_text(), str(template.relative_to(package.parent))
            for _tag, name in TEMPLATE_TAG.findall(text):
                if name in owners:
                    found.append(Dependency(app, owners[name], f"{where}: {name}"))
            for names in LOAD_TAG.findall(text):
                for library in names.split():
                    if library in libraries:
                        found.append(Dependency(app, libraries[library], f"{where}: {library}"))
    return found


def named_app(value: str, apps: set[str]) -> str | None:
    """The app a string names: "twincity.events.selectors" or "events.EventPage"."""
    match = MODULE_STRING.match(value) or MODEL_STRING.match(value)
    return match.group(1) if match and match.group(1) in apps else None


def strings_naming_apps(tree: ast.AST):
    """String constants passed to NAMING_CALLS or assigned to NAMING_ATTRIBUTES."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else node.func
            name = called if isinstance(called, str) else getattr(called, "id", "")
            if name in NAMING_CALLS:
                yield from (arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.List | ast.Tuple):
            targets = {getattr(target, "id", None) for target in node.targets}
            if targets & NAMING_ATTRIBUTES:
                yield from (
                    item.value for item in node.value.elts if isinstance(item, ast.Constant)
                )


def string_dependencies(package: Path) -> list[Dependency]:
    apps, found = set(app_dirs(package)), []
    for app, folder in app_dirs(package).items():
        for module in folder.rglob("*.py"):
            if "migrations" in module.parts:
                continue  # a migration names the models as they were; the models are checked
            where = str(module.relative_to(package.parent))
            for value in strings_naming_apps(ast.parse(module.read_text())):
                if isinstance(value, str) and (target := named_app(value, apps)):
                    found.append(Dependency(app, target, f"{where}: {value!r}"))
    return found


def violations(package: Path, layers: Layers) -> list[Dependency]:
    found = template_dependencies(package) + string_dependencies(package)
    return sorted(d for d in found if not layers.allows(d.source_app, d.target_app))
