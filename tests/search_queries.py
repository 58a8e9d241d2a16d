"""What staff type into the site's search, each with the page that must come in the top 3,
and a helper that runs the site's real search (mkdocs-material's worker and lunr index) in the
browser. Typed as on a phone or an English keyboard: often without å, ä, ö or é."""

from __future__ import annotations

from urllib.parse import urlsplit

# (query, page that must be among the first three results)
QUERIES: list[tuple[str, str]] = [
    ("fokusgrupp", "metoder/fokusgrupp/"),
    ("fokusgruppsintervju", "metoder/fokusgrupp/"),  # an alias of the method
    ("enkät", "metoder/enkat/"),
    ("enkat", "metoder/enkat/"),
    ("återkoppling", "riktlinjer/jamforelse/"),
    ("aterkoppling", "riktlinjer/jamforelse/"),
    ("ungdomar", "metoder/ungdomsfullmaktige/"),
    ("ungdomsfullmaktige", "metoder/ungdomsfullmaktige/"),
    ("klassrad", "metoder/klassrad-foraldrarad-elevrad/"),
    ("pop up", "metoder/pop-up-dialog/"),
    ("medborgarbudget", "metoder/medborgarbudget/"),
    ("medborgarpanel", "metoder/medborgarpanel/"),
    ("dialogcafe", "metoder/dialogcafe/"),
    ("trygghetsvandring", "metoder/trygghetsvandring/"),
    ("radslag", "metoder/radslag-med-omrostning/"),
    ("samradsmote", "metoder/samradsmote-pbl/"),
    ("workshop", "metoder/workshop-i-samtalsform/"),
    ("delaktighetstrappan", "trappan/"),
    ("malgruppsanalys", "malgruppsanalys/"),
    ("lagaktiva", "malgruppsanalys/"),
    ("checklista", "riktlinjer/checklistor/"),
    ("krokom", "riktlinjer/krokom/"),
    ("varmland", "riktlinjer/region-varmland/"),
    ("alingsas", "riktlinjer/alingsas/"),
    ("jamfor riktlinjer", "riktlinjer/jamforelse/"),
    ("metodvaljaren", "metodvaljaren/"),
    ("tillganglighet", "tillganglighet/"),
    ("oppna data", "oppna-data/"),
]


def search(page, base_url: str, query: str) -> list[str]:
    """The pages the site's search lists for `query`, best first, as site-relative URLs."""
    field = page.locator("input[data-md-component=search-query]")
    # The theme searches on key presses, not on a changed value: a key is pressed after each fill.
    field.fill("")
    field.press("Backspace")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length")
    field.fill(query)
    field.press("End")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').children.length"
        " || /Inga|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    page.wait_for_timeout(150)  # the list is drawn in batches; the first ones are what counts
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link", "els => els.map(a => a.href)"
    )
    base = urlsplit(base_url).path
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        path = path[len(base) :] if path.startswith(base) else path
        if path not in pages:
            pages.append(path)
    return pages


def open_search(page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")  # the theme's shortcut to the search field
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')")
