"""Language on the site: errors found in review stay fixed, and one term is used for one thing.

Three kinds of text are checked with the same rules:
- the texts in data/ that we wrote (not the guidelines' own words: their sections, the
  vocabulary `text` quotations, the names guidelines use for methods and groups),
- the pages of the built site, with every guideline quotation taken out first,
- the chooser engine's sentences: advice, validation messages and address notices.
Text inside Swedish quotation marks (”…”) is a quotation and is not checked.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import catalogue, chooser

from chooser import ChooserInputError, from_query, validate_input
from chooser.engine import INPUT_KEYS
from macros.loader.schemas import id_pattern

# -- the rules ---------------------------------------------------------------------------------

_EN_WORDS = "målgrupp|nivå|form|kostnadsnivå|riktlinje|metod|nyckel|del|organisation"
_ETT_WORDS = "syfte|id|värde|tal|format"


def _short_names() -> list[str]:
    return [g.get("short_name") or g["organisation"] for g in catalogue()["guidelines"]]


def _rules() -> list[tuple[str, re.Pattern]]:
    genitive_ss = "|".join(re.escape(n) + "s" for n in _short_names() if n.endswith("s"))
    return [
        ("okant-en-ord", re.compile(rf"\bOkänt ({_EN_WORDS})\b")),
        ("okand-ett-ord", re.compile(rf"\bOkänd ({_ETT_WORDS})\b")),
        ("genitiv-ss", re.compile(rf"\b({genitive_ss})\b")),  # "Alingsåss": Alingsås has no extra s
        ("1-veckor", re.compile(r"(?<![\d,.\u00a0–-])\b1 (veckor|timmar|dagar|månader|deltagare|metoder)\b")),
        ("medel-kostnad", re.compile(r"\bmedel kostnad", re.I)),
        ("en-del-som-ar-form", re.compile(r"\ben del som är (fysiskt|digitalt|hybrid)\b", re.I)),
        ("rubrikerna-foljer-kolon", re.compile(r"följer [^.]{0,160}: [^.]{0,80}ska innehålla\.")),
        ("grundvalen", re.compile(r"\bgrundvalen\b", re.I)),
        ("metoden-minst-1", re.compile(r"\(metoden: minst 1\)")),
        ("tal-utan-mellanrum", re.compile(r"(?<![\w\u00a0\u202f.,:/§-])\d{4,}(?![\d:/-])")),  # not in a name like G1000
        ("medborgare", re.compile(r"(?<!-)\b[Mm]edborgar(e|en|na|es|nas|ens)\b(?!-)")),  # not in an id
        ("tjansteman", re.compile(r"\b[Tt]jänstem(an|annen|annens|än|ännen|ännens|äns)\b")),
        ("funktionsvariation", re.compile(r"\b[Ff]unktionsvariation(en|er|erna|ers)?\b")),
        ("sms-versaler", re.compile(r"\bSMS")),
    ]


RULE_IDS = [
    "okant-en-ord", "okand-ett-ord", "genitiv-ss", "1-veckor", "medel-kostnad", "en-del-som-ar-form",
    "rubrikerna-foljer-kolon", "grundvalen", "metoden-minst-1", "tal-utan-mellanrum", "medborgare",
    "tjansteman", "funktionsvariation", "sms-versaler",
]


def _is_year(match: re.Match) -> bool:
    text = match.group(0)
    return len(text) == 4 and 1900 <= int(text) <= 2100


_QUOTED = re.compile(r"”[^”]{0,600}”")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(se|nu|com|org)\b\S*")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a non-breaking space must stay


def _markdown_plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("\\", "")
    text = re.sub(r"(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)", "", text)
    return _SPACE.sub(" ", text).strip()


def _quotations() -> list[str]:
    """Every text that is a guideline's own words, longest first, as it reads on a page."""
    cat = catalogue()
    out: set[str] = set()

    def blocks(items: list[dict]) -> Iterator[str]:
        for block in items:
            yield from ([block["p"]] if "p" in block else [])
            yield from block.get("list", []) + block.get("checklist", [])
            if "table" in block:
                yield from block["table"]["header"]
                yield from (cell for row in block["table"]["rows"] for cell in row)
                yield from ([block["table"]["caption"]] if block["table"].get("caption") else [])
            if "details" in block:
                yield block["details"]["summary"]
                yield from blocks(block["details"]["blocks"])

    for g in cat["guidelines"]:
        for key in ("title", "decided_by", "decision_date_text", "validity", "owner", "revision", "applies_to"):
            if isinstance(g.get(key), str):
                out.add(g[key])
        out.add(g["source"]["title"])
        for section in g["sections"]:
            out.add(section["heading"])
            out.update(blocks(section["blocks"]))
    for vocab in cat["vocabularies"].values():
        for item in vocab["items"]:
            out.update([item["text"]] if "text" in item else [])
            out.update(alias["name"] for alias in item.get("aliases", []))
    for level in cat["ladder"]["levels"]:
        out.update([level["hallmark"], level["citizens_get"]])  # Alingsås' table, word for word
    titles: set[str] = set()  # the titles of the pages we read: quoted as they are, even one word
    for m in cat["methods"]:
        out.update(named["name"] for named in m["guidelines"])
        titles.update(source["title"] for source in m["sources"])
        titles.update(example["title"] for example in m.get("examples", []) if example.get("title"))
    plain = {_markdown_plain(t) for t in out if isinstance(t, str)}
    # A quotation of one word ("Delegering") would take ordinary words out of our own text.
    return sorted({t for t in plain if len(t.split()) >= 2} | {_markdown_plain(t) for t in titles}, key=len, reverse=True)


def _ours(text: str, quotations: list[str] | None = None) -> str:
    """The text without guideline quotations, Swedish quotations and addresses."""
    text = _SPACE.sub(" ", text)
    for quote in quotations or []:
        if quote in text:
            text = text.replace(quote, " … ")
    text = _QUOTED.sub(" … ", text)
    return _URL.sub(" … ", text)


def _hits(rule: str, texts: Iterator[tuple[str, str]]) -> list[str]:
    pattern = dict(_rules())[rule]
    found = []
    for where, text in texts:
        for match in pattern.finditer(text):
            if rule == "tal-utan-mellanrum" and _is_year(match):
                continue
            start = max(match.start() - 50, 0)
            found.append(f"{where}: …{text[start:match.end() + 40]}…")
    return found


def _report(found: list[str]) -> str:
    # The same sentence in many answers is one finding: show each text once.
    unique: dict[str, str] = {}
    for item in found:
        unique.setdefault(item.split(": …", 1)[-1], item)
    return f"{len(found)} ställen, {len(unique)} olika:\n" + "\n".join(list(unique.values())[:30])


# -- our texts in data/ ------------------------------------------------------------------------

# Fields that hold someone else's words (quotations, titles of sources, names guidelines use).
_NOT_OURS = {"hallmark", "citizens_get", "title", "publisher", "url", "id"}


_ID = re.compile(id_pattern())  # common.schema.json


def _strings(value, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if not _ID.match(value):  # ids (sections, roles, groups) are not text
            yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in _NOT_OURS:
                yield from _strings(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, f"{path}[{index}]")


def _data_texts() -> Iterator[tuple[str, str]]:
    cat = catalogue()
    yield from _strings({k: v for k, v in cat["ladder"].items() if k != "levels"}, "data/ladder.yaml")
    for index, level in enumerate(cat["ladder"]["levels"]):
        yield from _strings(level, f"data/ladder.yaml:levels[{index}]")
    for name, vocab in cat["vocabularies"].items():
        for index, item in enumerate(vocab["items"]):
            item = {k: v for k, v in item.items() if k not in ("aliases", "text")}  # the guidelines' words
            yield from _strings(item, f"data/vocabularies/{name}.yaml:items[{index}]")
        yield from _strings({k: vocab[k] for k in ("name", "description", "source") if k in vocab}, f"data/vocabularies/{name}.yaml")
    for m in cat["methods"]:
        ours = {k: v for k, v in m.items() if k not in ("sources", "guidelines", "examples")}
        ours["guidelines"] = [{"note": g["note"]} for g in m["guidelines"] if g.get("note")]
        ours["examples"] = [{k: e[k] for k in ("what", "result") if k in e} for e in m.get("examples", [])]
        yield from _strings(ours, f"data/methods/{m['id']}.yaml")
    for g in cat["guidelines"]:
        # Only the facts and our note on the source: the sections are the guideline's own text.
        # Items copied from a list in the text (ref, sections) are the guideline's words.
        facts = {k: {kk: vv for kk, vv in f.items() if kk != "phases" and not (kk == "items" and "ref" in f)} for k, f in g["facts"].items()}
        yield from _strings({"facts": facts, "note": g["source"].get("note", "")}, f"data/guidelines/{g['id']}.yaml")


@pytest.mark.parametrize("rule", RULE_IDS)
def test_our_data_texts(rule: str):
    quotations = _quotations()  # e.g. a section heading named in a source
    texts = ((where, _ours(text, quotations)) for where, text in _data_texts())
    found = _hits(rule, texts)
    assert not found, _report(found)


def test_the_checks_find_what_they_are_for():
    """Each rule catches the error it was written for (so a broken regular expression fails)."""
    examples = {
        "okant-en-ord": "Okänt målgrupp ”x” i adressen.",
        "okand-ett-ord": "Okänd syfte ”x” togs bort.",
        "genitiv-ss": "Alingsåss riktlinjer",
        "1-veckor": "Resultatet behövs inom: 1 veckor",
        "medel-kostnad": "Metoden har medel kostnad.",
        "en-del-som-ar-form": "Ni valde en del som är fysiskt.",
        "rubrikerna-foljer-kolon": "Rubrikerna följer Region Värmland, Direktiv för medborgardialog (2019): Handlingsplanen ska innehålla.",
        "grundvalen": "Förslagen gäller grundvalen.",
        "metoden-minst-1": "Passar för 5\u00a0000 deltagare (metoden: minst 1).",
        "tal-utan-mellanrum": "Passar för 5000 deltagare.",
        "medborgare": "Alla medborgare får delta.",
        "tjansteman": "En tjänsteman antecknar.",
        "funktionsvariation": "Personer med funktionsvariation.",
        "sms-versaler": "Skicka ett SMS.",
    }
    for rule, text in examples.items():
        assert _hits(rule, iter([("exempel", _ours(text))])), rule
    fine = "År 2019 kom 18\u00a0000 invånare, se lag (2018:1197) och ”SMS-tjänster” och medborgardialog och tjänstemannainitiativ."
    for rule in RULE_IDS:
        assert not _hits(rule, iter([("rätt", _ours(fine))])), rule


# -- the built site ----------------------------------------------------------------------------

_BLOCK = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "dt", "dd", "caption", "summary",
          "legend", "label", "option", "br", "tr", "table", "ul", "ol", "header", "footer", "nav", "main", "article", "figcaption"}
_SKIP = {"script", "style", "code", "pre", "svg", "template"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _page_texts(site: Path) -> Iterator[tuple[str, str]]:
    quotations = _quotations()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        # One block per line, so a quotation is found within its own paragraph or list item.
        for line in "".join(parser.parts).split("\n"):
            line = _SPACE.sub(" ", line).strip()
            if line:
                yield rel, _ours(line, quotations)


@pytest.fixture(scope="module")
def site_texts(built_site: Path) -> list[tuple[str, str]]:
    return list(_page_texts(built_site))


@pytest.mark.parametrize("rule", RULE_IDS)
def test_built_pages(rule: str, site_texts):
    found = _hits(rule, iter(site_texts))
    assert not found, _report(found)


# -- the engine's sentences --------------------------------------------------------------------


def _advice_strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in ("id", "input", "query", "key", "href"):
                yield from _advice_strings(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _advice_strings(child, f"{path}[{index}]")


def _inputs() -> Iterator[dict]:
    cat = catalogue()
    orgs = [None] + [g["id"] for g in cat["guidelines"]]
    vocab = cat["vocabularies"]
    formats = [f["id"] for f in vocab["formats"]["items"] if not f.get("fits_any_format")]
    costs = [c["id"] for c in vocab["cost-levels"]["items"]]
    levels = [level["id"] for level in cat["ladder"]["levels"]]
    groups = [g["id"] for g in vocab["target-groups"]["items"]]
    purposes = [p["id"] for p in vocab["purposes"]["items"]]
    for fmt in formats:
        for level in levels:
            yield {"level": level, "format": fmt}
    for i, org in enumerate(orgs):
        yield {"organisation": org}
        yield {"organisation": org, "purposes": ["forbattra-service", "lagstadgat-samrad"]}  # not medborgardialog
        yield {"organisation": org, "level": levels[i % len(levels)], "purposes": purposes[i::5][:2], "target_groups": groups[i::4][:3],
               "participants": 5000, "weeks": 1, "budget": costs[i % len(costs)], "format": formats[i % len(formats)]}
        yield {"organisation": org, "level": "information", "participants": 25000, "weeks": 0.5, "budget": costs[0]}
        yield {"organisation": org, "influenceable": False, "level": "medbeslutande", "participants": 1200, "weeks": 3}


@pytest.fixture(scope="module")
def engine_answers() -> tuple[list[tuple[str, str]], list[str]]:
    """The advice's sentences for a spread of inputs, and the inputs the engine failed on."""
    quotations = _quotations()
    out, failed = [], []
    for inp in _inputs():
        try:
            advice = chooser().advise(inp)
        except Exception as error:  # noqa: BLE001 - reported by test_engine_answers_every_input
            failed.append(f"advise({inp}): {type(error).__name__}: {error}")
            continue
        label = "advise(" + ", ".join(f"{k}={v}" for k, v in inp.items() if k in ("organisation", "level", "format", "participants")) + ")"
        for where, text in _advice_strings(advice):
            for line in text.split("\n"):
                out.append((f"{label}{where}", _ours(line, quotations)))
    return out, failed


def test_engine_answers_every_input(engine_answers):
    _, failed = engine_answers
    assert not failed, _report(failed)


@pytest.mark.parametrize("rule", RULE_IDS)
def test_engine_sentences(rule: str, engine_answers):
    found = _hits(rule, iter(engine_answers[0]))
    assert not found, _report(found)


def _bad_inputs() -> Iterator[dict]:
    for key in INPUT_KEYS:
        for value in ("okänt-värde", 3.5, ["okänt-värde"], -1, True, 10**9):
            yield {key: value}


def _messages() -> Iterator[tuple[str, str]]:
    for inp in _bad_inputs():
        try:
            validate_input(inp, catalogue())
        except ChooserInputError as error:
            yield f"validate_input({inp})", str(error)
    shorts = "l p t n w b f o i v".split()
    for short in shorts:
        for value in ("okänt", "1,5,x", "99999999999", "-3"):
            _, notices = from_query(f"{short}={value}", chooser())
            yield from ((f"from_query({short}={value})", n) for n in notices)
    _, notices = from_query("zz=1&" + "x" * 3000, chooser())
    yield from (("from_query(lång)", n) for n in notices)


def test_engine_messages_have_swedish_words_not_input_keys():
    """A message for editors and readers names the thing in Swedish ("antalet deltagare"), not
    the programme's key ("participants ska vara …"). Lists of valid keys are fine, and so is the
    key in brackets after the Swedish words ("Antalet deltagare (participants)"), which tells a
    user of the command line which key to mend."""
    english = [k for k in INPUT_KEYS if k not in ("format", "organisation", "budget")]  # those are Swedish words too
    key_as_word = re.compile(r"\b(" + "|".join(english) + r")\b|\b(i|för) (format|organisation|budget)\b[.,;]|^(format|organisation|budget) ")
    listing = re.compile(r"(nycklarna|[Gg]iltiga nycklar:) [a-z_, ]+|\((" + "|".join(INPUT_KEYS) + r")\)")
    found = []
    for where, message in _messages():
        text = listing.sub("…", message)
        if key_as_word.search(text):
            found.append(f"{where}: {message}")
    assert not found, _report(found)


@pytest.mark.parametrize("rule", ["okant-en-ord", "okand-ett-ord", "tal-utan-mellanrum", "sms-versaler"])
def test_engine_messages(rule: str):
    found = _hits(rule, ((where, _ours(message)) for where, message in _messages()))
    assert not found, _report(found)


# -- "ni" throughout the chooser ---------------------------------------------------------------

_DU = re.compile(r"\b([Dd]u|[Dd]ig|[Dd]in|[Dd]itt|[Dd]ina)\b")


def test_the_chooser_says_ni(engine_answers, site_texts):
    """The chooser speaks to its readers as "ni", on its page and in the engine's sentences.
    (Elsewhere "du" is right, for example in the ladder's promise to a participant.)"""
    texts = list(engine_answers[0]) + [(where, text) for where, text in site_texts if where.startswith("metodvaljaren/")]
    found = [f"{where}: …{text[max(m.start() - 50, 0):m.end() + 40]}…" for where, text in texts for m in _DU.finditer(text)]
    assert not found, _report(found)
