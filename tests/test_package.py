"""The wheel carries its content: installed into a fresh environment, run from another folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new virtual environment with the project's wheel (not editable) installed in it."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is needed to build the wheel quickly; CI installs it")
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp / "dist").glob("finalround-*.whl"))
    venv = tmp / "venv"
    subprocess.run(
        [uv, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--python", str(python), str(wheel)], check=True, capture_output=True
    )
    return venv


def test_wheel_ships_content_and_runs_from_another_folder(installed, tmp_path):
    python = installed / "bin" / "python"
    script = (
        "import tui.core.content as c, tui.core.demo as d, pathlib;"
        "print(c.content_dir());"
        "ws = d.build_demo(pathlib.Path('demo.json'));"
        "print(len(c.strategies()), ws.count('story'))"
    )
    out = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.split("\n")
    assert "site-packages" in out[0] and str(ROOT) not in out[0]
    assert out[1].split() == ["8", "9"]


def test_installed_command_answers(installed, tmp_path):
    finalround = installed / "bin" / "finalround"
    result = subprocess.run(
        [str(finalround), "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0 and "finalround" in result.stdout
