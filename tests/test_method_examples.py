"""Each method page shows its real Swedish examples, each with the page it was read on, and the
standing structure a method needs; a method without examples says nothing about them."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import catalogue


def _page(built_site: Path, method_id: str) -> str:
    return (built_site / "metoder" / method_id / "index.html").read_text(encoding="utf-8")


def test_examples_are_on_the_method_page_with_their_source(built_site: Path):
    methods = catalogue()["methods"]
    with_examples = [m for m in methods if m.get("examples")]
    assert len(with_examples) >= 30
    for method in methods:
        page = _page(built_site, method["id"])
        section = re.search(r'<h2 id="exempel">Exempel</h2>\s*<ul class="method-examples">(.*?)</ul>', page, re.S)
        if not method.get("examples"):
            assert section is None, method["id"]
            continue
        items = re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
        assert len(items) == len(method["examples"]), method["id"]
        for item, example in zip(items, method["examples"], strict=True):
            text = html.unescape(re.sub(r"<[^>]+>", "", item))
            assert f"{example['organisation']} ({example['year']})." in text and example["what"] in text
            assert f'href="{html.escape(example["url"])}"' in item or f'href="{example["url"]}"' in html.unescape(item)


def test_a_standing_structure_is_named_on_the_page(built_site: Path):
    for method in catalogue()["methods"]:
        page = _page(built_site, method["id"])
        if method.get("standing_structure"):
            heading = re.search(r'<h2 id="staende-struktur">(.*?)</h2>', page).group(1)
            assert html.unescape(heading) == f"Kräver {method['standing_structure']['what']}"
        else:
            assert 'id="staende-struktur"' not in page
