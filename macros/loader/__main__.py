"""Check all of data/ and report every problem: `python -m macros.loader [DATA_DIR]`.

Exit status 0 when the data is valid, 1 when it has problems. Inside GitHub Actions each
problem is also printed as an ::error annotation so it shows on the pull request.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .catalogue import catalogue_summary, load_catalogue
from .problems import DataError, in_github_actions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.loader", description="Kontrollera filerna i data/.")
    parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="mappen med data (standard: data)")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"{args.data_dir}: mappen finns inte", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        catalogue = load_catalogue(args.data_dir, Path.cwd())
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if in_github_actions():
            for problem in error.problems:
                print(problem.github_annotation())
        return 1
    print(f"Data i ordning: {catalogue_summary(catalogue)} ({(time.perf_counter() - started) * 1000:.0f} ms).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
