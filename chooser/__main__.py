"""Command line: python -m chooser --catalogue PATH/catalogue.json < input.json > advice.json

Reads the input as one JSON object on standard input (keys: see README.md) and writes the
advice as one JSON object on standard output. Bad input gives exit status 2 and one line of
Swedish on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import Chooser, ChooserInputError

USAGE = "python -m chooser --catalogue SÖKVÄG/catalogue.json [--indent N] < indata.json"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English and multi-line
        _fail(f"Fel i kommandoraden. Användning: {USAGE}")


def _fail(message: str) -> None:
    sys.stderr.write(" ".join(message.split()) + "\n")
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m chooser", description="Metodväljaren: råd om metoder för medborgardialog.", add_help=True)
    parser.add_argument("--catalogue", required=True, help="katalogen som JSON (catalogue.json från bygget)")
    parser.add_argument("--indent", type=int, default=None, help="indrag i utdata (för människor)")
    args = parser.parse_args(argv)

    path = Path(args.catalogue)
    try:
        catalogue = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"Hittar inte katalogen {path}.")
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"Kan inte läsa katalogen {path}: {error}.")
    except json.JSONDecodeError as error:
        _fail(f"Katalogen {path} är inte giltig JSON: rad {error.lineno}, kolumn {error.colno}.")
    try:
        chooser = Chooser(catalogue)
    except (KeyError, TypeError, ValueError, AttributeError):
        _fail(f"Katalogen {path} har inte den form som metodväljaren väntar sig (ladder, vocabularies, methods, guidelines).")

    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail("Indata är inte UTF-8.")
    if not text.strip():
        _fail("Indata saknas: skriv ett JSON-objekt på standard in, till exempel {}.")
    try:
        inp = json.loads(text)
    except json.JSONDecodeError as error:
        _fail(f"Indata är inte giltig JSON: {_json_reason(error.msg)} på rad {error.lineno}, kolumn {error.colno}.")
    except ValueError:  # an integer of thousands of digits
        _fail("Indata innehåller ett tal med för många siffror.")
    except RecursionError:
        _fail("Indata är för djupt nästlad.")
    try:
        advice = chooser.advise(inp)
    except ChooserInputError as error:
        _fail(f"Fel i indata: {error}")
    out = json.dumps(advice, ensure_ascii=False, indent=args.indent)
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
    sys.stdout.flush()
    return 0


def _json_reason(msg: str) -> str:
    reasons = {
        "Expecting value": "väntade ett värde",
        "Expecting property name enclosed in double quotes": "väntade ett namn inom dubbla citattecken",
        "Expecting ',' delimiter": "väntade ett kommatecken",
        "Expecting ':' delimiter": "väntade ett kolon",
        "Extra data": "mer data efter objektet",
        "Unterminated string starting at": "en text som inte avslutas",
        "Invalid control character at": "ett otillåtet kontrolltecken",
    }
    return reasons.get(msg, "fel i JSON")


if __name__ == "__main__":
    raise SystemExit(main())
