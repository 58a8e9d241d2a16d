"""The accessibility statement's settings (extra.accessibility in mkdocs.yml), checked before
anything is built. A body that publishes the site must fill in its own facts; while a
placeholder ("[Fyll i: …]", an address at an example domain) is left, the build stops with the
setting's line, unless `demo: true` says that this is a demonstration site. The page
docs/tillganglighet.md reads the settings and `placeholders`, the fields still to fill in.

Listed under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError

STATUSES = ("helt förenlig", "delvis förenlig", "inte förenlig")  # Digg's three wordings
REQUIRED = ("organisation", "service", "email", "response_days", "status", "assessed", "method", "updated")
_PLACEHOLDER = re.compile(r"\[Fyll i|@([\w-]+\.)*example(\.[a-z]+)?$|^\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _line(config_file: Path, key: str) -> int | None:
    """The line of `key` inside the accessibility block of mkdocs.yml (for the message)."""
    lines = config_file.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+accessibility:\s*$", line)), None)
    if start is None:
        return None
    indent = len(lines[start]) - len(lines[start].lstrip())
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break
        if re.match(rf"^\s+{re.escape(key)}:", line):
            return i + 1
    return start + 1


def _is_date(value) -> bool:
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def statement_problems(settings: dict | None) -> tuple[list[tuple[str, str]], list[str]]:
    """(field, problem) for every setting that is wrong, and the fields that hold a placeholder."""
    if not isinstance(settings, dict):
        return [("", "saknas: väntade inställningarna för tillgänglighetsredogörelsen (organisation, e-post, status …)")], []
    problems: list[tuple[str, str]] = []
    placeholders: list[str] = []
    for key in REQUIRED:
        if settings.get(key) in (None, ""):
            problems.append((key, "saknas"))
    for key in ("organisation", "service", "email", "method"):
        value = settings.get(key)
        if isinstance(value, str) and value and _PLACEHOLDER.search(value.strip()):
            placeholders.append(key)
    email = settings.get("email")
    if isinstance(email, str) and "email" not in placeholders and not _EMAIL.match(email):
        problems.append(("email", f"väntade en e-postadress, fann ”{email}”"))
    if settings.get("status") and settings["status"] not in STATUSES:
        problems.append(("status", f"väntade ett av {', '.join(STATUSES)}, fann ”{settings['status']}”"))
    for key in ("assessed", "updated"):
        if settings.get(key) and not _is_date(settings[key]):
            problems.append((key, f"väntade ett datum som 2026-11-24, fann ”{settings[key]}”"))
    days = settings.get("response_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        problems.append(("response_days", f"väntade ett antal arbetsdagar (heltal), fann ”{days}”"))
    for key in ("not_covered", "disproportionate_burden"):
        for n, item in enumerate(settings.get(key) or [], 1):
            if not isinstance(item, dict) or not item.get("content") or not item.get("reason"):
                problems.append((f"{key}[{n}]", "väntade content (vilket innehåll) och reason (skälet)"))
    if not isinstance(settings.get("demo", False), bool):
        problems.append(("demo", f"väntade true eller false, fann ”{settings['demo']}”"))
    return problems, placeholders


def on_config(config):
    settings = (config.get("extra") or {}).get("accessibility")
    problems, placeholders = statement_problems(settings)
    config_file = Path(config["config_file_path"])
    if placeholders and not settings.get("demo"):
        problems += [
            (key, f"platshållaren ”{settings[key]}” är kvar. Fyll i er organisations uppgifter, eller sätt "
             "extra.accessibility.demo: true om webbplatsen är en demonstration")
            for key in placeholders
        ]
    if problems:
        lines = []
        for key, problem in problems:
            line = _line(config_file, key.split("[")[0]) if key else None
            where = f"{config_file.name}, rad {line}" if line else config_file.name
            lines.append(f"{where}: extra.accessibility{'.' + key if key else ''}: {problem}")
        raise PluginError("Tillgänglighetsredogörelsen kan inte byggas:\n" + "\n".join(lines))
    settings["placeholders"] = placeholders
    return config
