"""The dependency order (docs/development.md, "Layers") is a contract that import-linter checks in
`make lint` and CI. These tests show that it holds for the code as it is, and that it would fail on a
deliberate back-import: a platform app importing a channel."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def lint_imports(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    return subprocess.run(  # noqa: S603 (our own tool, our own arguments)
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=False,
        timeout=300,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "frontdoor", src / "frontdoor", ignore=ignore)
    return src


def test_the_code_keeps_every_contract(tmp_path):
    result = lint_imports(ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_a_back_import_breaks_the_layers_contract(tmp_path):
    src = copy_of_the_code(tmp_path)
    rules = src / "frontdoor" / "organisations" / "rules.py"
    rules.write_text(rules.read_text() + "\nimport frontdoor.portal.models  # a deliberate back-import\n")

    result = lint_imports(src, tmp_path)

    assert result.returncode == 1
    assert "Contracts: 1 kept, 1 broken." in result.stdout
    assert "frontdoor.organisations is not allowed to import frontdoor.portal" in result.stdout


def test_an_import_of_the_generator_breaks_the_forbidden_contract(tmp_path):
    src = copy_of_the_code(tmp_path)
    views = src / "frontdoor" / "core" / "views.py"
    views.write_text(views.read_text() + "\nimport frontdoor.synthetic.demo  # a deliberate import\n")

    result = lint_imports(src, tmp_path)

    assert result.returncode == 1
    assert "No production module imports the synthetic data generator BROKEN" in result.stdout


def test_every_app_has_a_place_in_the_order():
    """An app left out of the layers contract would be checked by nothing."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c for c in config if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    apps = {
        path.parent.name
        for path in (ROOT / "src" / "frontdoor").glob("*/apps.py")
        if path.parent.name != "synthetic"  # outside the order: the forbidden contract keeps it out
    }
    assert apps - placed == set()
    assert placed - apps == set()
