"""MkDocs hooks that tune the site's search (mkdocs-material's search plugin and its lunr
index) for what staff type:

- Diacritic-insensitive: staff on phones and English keyboards type "aterkoppling" and
  "enkat". Every entry of the index gets the folded form of its words (å→a, ä→a, ö→o, é→e) in
  extra fields (mkdocs.yml, plugins.search.fields), so a folded query finds the page;
  docs/assets/search-fold.js folds the query in the same way.
- Method pages first, editor pages last: each page gets a search boost by its kind.
- Clean snippets: a method's levels and aliases are left out of the text the results show
  (data-search-exclude in macros/pages/method_pages.py) and put in a keywords field instead, with the
  method's target groups and purposes, so that "ungdomar" finds the methods for young people.

Listed under `hooks:` in mkdocs.yml, after macros/hooks/build.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from pathlib import Path

from macros.hooks.config import catalogue_for
from macros.pages.urls import method_url

# Search boost by the kind of page (1 = the theme's default).
METHOD_BOOST = 3.0
TARGET_GROUP_WEIGHT = 8  # a method with 2 target groups counts each 4 times, with 8 or more once
EDITOR_PAGES = {"faltreferens/": 0.25, "oppna-data/": 0.25, "404.html": 0}


def fold(text: str) -> str:
    """Lower case without diacritics: "Återkoppling, idé" -> "aterkoppling, ide". The same
    rule as foldQuery() in docs/assets/search-fold.js."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_words(text: str) -> str:
    """The words of `text` (HTML allowed) whose folded form differs, folded, once each."""
    plain = unescape(re.sub(r"<[^>]+>", " ", text))
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", plain):
        folded = fold(word)
        if folded != word.lower():
            seen.setdefault(folded)
    return " ".join(seen)


def on_page_markdown(markdown, page, config, files):
    url = page.file.url
    methods = {method_url(m["id"]) for m in catalogue_for(config)["methods"]}
    search = page.meta.setdefault("search", {})
    if url in methods:
        search.setdefault("boost", METHOD_BOOST)
    elif url in EDITOR_PAGES:
        if EDITOR_PAGES[url] == 0:
            search["exclude"] = True
        else:
            search.setdefault("boost", EDITOR_PAGES[url])
    return markdown


def method_keywords(method: dict, catalogue: dict) -> str:
    """Words that find a method without being shown in its snippet: aliases, level, target
    groups (with their aliases), purposes and formats, also folded."""
    vocab = catalogue["vocabularies"]
    words = list(method.get("aliases", []))
    levels = {level["id"]: level["name"] for level in catalogue["ladder"]["levels"]}
    words += [levels[i] for i in method["levels"] if i in levels]
    # A method made for few groups is more a method for each of them: its target groups weigh
    # more (lunr counts how often a word occurs), so "ungdomar" brings Ungdomsfullmäktige
    # (two groups) before a method that lists ten.
    weight = max(1, min(4, round(TARGET_GROUP_WEIGHT / max(1, len(method["target_groups"])))))
    for key, field, times in (
        ("target-groups", "target_groups", weight),
        ("quadrants", "target_groups", 1),
        ("purposes", "purposes", 1),
        ("formats", "formats", 1),
    ):
        for item in vocab[key]["items"]:
            if item["id"] in method[field]:
                names = [item["name"]] + [alias["name"] for alias in item.get("aliases", []) if alias.get("name")]
                words += names * times
    text = " ".join(words)
    return f"{text} {fold(text)}"


def on_post_build(config):
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.exists():
        return
    catalogue = catalogue_for(config)
    keywords = {method_url(m["id"]): method_keywords(m, catalogue) for m in catalogue["methods"]}
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        title = fold(unescape(doc["title"]))
        if title != unescape(doc["title"]).lower():
            doc["folded_title"] = title
        text = folded_words(doc["text"])
        if text:
            doc["folded_text"] = text
        if doc["location"] in keywords:  # the method page's first entry, not its sections
            doc["keywords"] = keywords[doc["location"]]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
