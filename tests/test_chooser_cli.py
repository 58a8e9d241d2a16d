"""The command line: python -m chooser --catalogue PATH reads JSON on stdin, writes JSON on
stdout; bad input gives exit status 2 and one Swedish line on stderr, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chooser import Chooser  # noqa: E402


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory) -> Path:
    from macros.loader.catalogue import load_catalogue

    path = tmp_path_factory.mktemp("cli") / "catalogue.json"
    path.write_text(json.dumps(load_catalogue(ROOT / "data"), ensure_ascii=False), encoding="utf-8")
    return path


def run(stdin: bytes | str, *args: str) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "chooser", *args], input=data, capture_output=True, cwd=ROOT, timeout=60)


def test_advice_on_stdout_equals_the_python_api(catalogue_file):
    inp = {"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["ungdomar"], "participants": 30, "weeks": 8, "organisation": "krokom"}
    result = run(json.dumps(inp), "--catalogue", str(catalogue_file))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    advice = json.loads(result.stdout.decode("utf-8"))
    assert set(advice) == {"input", "empty", "ranked", "excluded", "counts", "combination", "requirements", "notice", "plan"}
    expected = Chooser(json.loads(catalogue_file.read_text(encoding="utf-8"))).advise(inp)
    assert advice == expected


def test_empty_object_gives_defaults(catalogue_file):
    result = run("{}", "--catalogue", str(catalogue_file))
    assert result.returncode == 0
    assert json.loads(result.stdout)["input"]["format"] == "any"


@pytest.mark.parametrize(
    "stdin, word",
    [
        ('{"level": "dialog"', "JSON"),
        ("not json", "JSON"),
        ("", "saknas"),
        ("[1, 2]", "JSON-objekt"),
        ('{"level": "trappsteg"}', "Okänd"),
        ('{"purposes": ["fordjupa", 3]}', "id"),
        ('{"participants": -4}', "negativt"),
        ('{"weeks": "tre"}', "tal"),
        ('{"format": "telefon"}', "Okänd"),
        ('{"organisation": "oslo"}', "Okänd"),
        ('{"nyckel": 1}', "Okänd nyckel"),
        (b"\xff\xfe{}", "UTF-8"),
        ("[" * 100000, "nästlad"),
    ],
)
def test_bad_input_exit_2_one_swedish_line(catalogue_file, stdin, word):
    result = run(stdin, "--catalogue", str(catalogue_file))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert result.stdout == b""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1
    assert word in err


def test_missing_catalogue_is_a_clear_error(tmp_path):
    result = run("{}", "--catalogue", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "Hittar inte katalogen" in err and err.count("\n") == 1


def test_catalogue_that_is_not_json_is_a_clear_error(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text("{", encoding="utf-8")
    result = run("{}", "--catalogue", str(path))
    assert result.returncode == 2 and "inte giltig JSON" in result.stderr.decode("utf-8")


def test_missing_argument_is_one_swedish_line():
    result = run("{}")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert err.count("\n") == 1 and "Användning" in err
