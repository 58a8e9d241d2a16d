"""The chooser engine: turns a situation into ranked, explained method advice.

Standard library only: the same code runs in CPython (tests, build, command line) and in
Pyodide in the browser. It reads the catalogue as a dict (the JSON export of data/), never
YAML, and its weights from weights.json beside this file. README.md explains the scoring.

    chooser = Chooser(catalogue)          # once: builds the indexes
    advice = chooser.advise({"level": "dialog", "purposes": ["fordjupa"]})

A method is judged in three steps, each a small function registered under its id in
weights.json: hard limits (rule it out), gates (it cannot pass, whatever its score) and
criteria (a fit from 0 to 1, weighted into the score).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import plan as _plan
from .swedish import NBSP, genitive, join, lc, name_key, num, span_text, weeks_text  # noqa: F401 (name_key, NBSP: part of the API)

INPUT_KEYS = (
    "influenceable",
    "needs_views",
    "level",
    "purposes",
    "target_groups",
    "participants",
    "weeks",
    "budget",
    "format",
    "organisation",
    "existing",
)
# How an input key is named in a Swedish error message.
INPUT_LABELS = {
    "influenceable": "”Går frågan att påverka?” (influenceable)",
    "needs_views": "”Behöver de förtroendevalda invånarnas synpunkter?” (needs_views)",
    "level": "nivån (level)",
    "purposes": "syftena (purposes)",
    "target_groups": "målgrupperna (target_groups)",
    "participants": "antalet deltagare (participants)",
    "weeks": "antalet veckor (weeks)",
    "budget": "budgeten (budget)",
    "format": "formen (format)",
    "organisation": "organisationen (organisation)",
    "existing": "det som redan finns (existing)",
}
ANY_FORMAT = "any"
MAX_PARTICIPANTS = 10_000_000
MAX_WEEKS = 1000
TIERS = ("good", "partial", "poor")


class ChooserInputError(ValueError):
    """Bad input: the message is one line of Swedish, fit to show a user."""


def load_weights() -> dict:
    """The weights and thresholds in weights.json (a path that also works in Pyodide)."""
    return json.loads(Path(__file__).with_name("weights.json").read_text(encoding="utf-8"))


# -- the precomputed view of one method --------------------------------------------------------


class _Method:
    __slots__ = (
        "data", "id", "name", "key", "kind", "levels", "level_steps", "purposes", "first_purpose", "groups", "outreach",
        "formats", "pmin", "pmax", "repeatable", "max_sessions", "wmin", "wmax", "cost", "cost_rank", "dialogue_type",
        "placements", "named_by", "tips", "combines", "information", "standing",
    )

    def __init__(self, data: dict, ch: Chooser):
        level_index, cost_ranks = ch.level_index, ch.cost_ranks
        self.data = data
        self.id = data["id"]
        self.name = data["name"]
        self.key = (name_key(data["name"]), data["id"])
        self.kind = data.get("kind", "metod")
        self.levels = list(data["levels"])
        self.level_steps = [level_index[lv] for lv in self.levels if lv in level_index]
        self.purposes = frozenset(data["purposes"])
        self.first_purpose = data["purposes"][0] if data["purposes"] else None
        self.groups = frozenset(data["target_groups"])
        self.outreach = bool(data.get("outreach"))
        self.formats = frozenset(data["formats"])
        part = data["participants"]
        self.pmin = part["min"]
        self.pmax = part.get("max")
        self.repeatable = bool(part.get("repeatable"))
        self.max_sessions = part.get("max_sessions")
        self.wmin = data["lead_time"]["min_weeks"]
        self.wmax = data["lead_time"].get("max_weeks")
        self.cost = data["cost"]["level"]
        self.cost_rank = cost_ranks.get(self.cost, 0)
        self.dialogue_type = data.get("dialogue_type")
        self.standing = data.get("standing_structure")
        # (guideline, level) -> the name the guideline uses; guideline -> its entries
        self.placements: dict[tuple[str, str | None], str] = {}
        self.named_by: dict[str, list[tuple[str | None, str]]] = {}
        for entry in data.get("guidelines", []):
            self.placements[(entry["guideline"], entry["level"])] = entry["name"]
            self.named_by.setdefault(entry["guideline"], []).append((entry["level"], entry["name"]))
        self.tips = {}
        for item in data.get("accessibility", []):
            self.tips.setdefault(item["aspect"], item["tip"])
        self.combines = frozenset(data.get("combines_with", []))
        # An information method: a channel, or a method whose first level is the ladder's first (information).
        self.information = self.kind == "kanal" or self.levels[:1] == ch.levels[:1]


class _Case:
    """One input, with what every judging function needs precomputed."""

    __slots__ = ("inp", "level", "step", "org", "purposes", "groups", "n", "weeks", "budget", "fmt", "existing",
                 "wanted_types", "not_md", "informing", "level_name", "group_names", "aspects")

    def __init__(self, ch: Chooser, inp: dict):
        self.inp = inp
        self.not_md = not inp["influenceable"] or not inp["needs_views"]
        self.level = ch.levels[0] if self.not_md else inp["level"]
        self.step = ch.level_index[self.level] if self.level else None
        self.org = inp["organisation"]
        self.purposes = inp["purposes"]
        self.groups = inp["target_groups"]
        self.n = inp["participants"]
        self.weeks = inp["weeks"]
        self.budget = inp["budget"]
        self.fmt = inp["format"]
        self.existing = frozenset(inp["existing"])
        self.wanted_types = ({t for p in self.purposes for t in ch.purpose_types.get(p, [])}
                             | {t for g in self.groups for t in ch.group_types.get(g, [])})
        # The question is to inform: not a medborgardialog, the information level, or only informing purposes.
        self.informing = (self.not_md or self.level == ch.levels[0]
                          or bool(self.purposes) and all(p in ch.information_purposes for p in self.purposes))
        # Texts the same for every method, made once per advice.
        self.level_name = lc(ch.level_by_id[self.level]["name"]) if self.level else ""
        self.group_names = {g: lc(ch.groups[g]["name"]) for g in self.groups}
        chosen = set(self.groups)
        self.aspects = []
        for rule in ch.aspects:
            hit = [g for g in rule["groups"] if g in chosen]
            if hit:
                formats = frozenset(rule["formats"]) if "formats" in rule else None
                self.aspects.append((rule["aspect"], formats, rule["caveat"].format(groups=join([self.group_names.get(g) or lc(ch.groups[g]["name"]) for g in hit]))))


class _Verdict:
    """What the judging functions find about one method for one case."""

    __slots__ = ("out", "limits", "fits", "reasons", "caveats", "cap", "gates", "sessions", "sessions_text", "extra_cost")

    def __init__(self):
        self.out: list[str] = []
        self.limits: list[str] = []
        self.fits: dict[str, float] = {}
        self.reasons: list[str] = []
        self.caveats: list[str] = []
        self.cap = "good"
        self.gates: list[str] = []
        self.sessions = 1
        self.sessions_text = ""
        self.extra_cost = 0


# -- hard limits: each rules a method out (appends to v.out) --------------------------------------


def _setup_weeks(m: _Method, case: _Case) -> float:
    """Weeks to build the standing structure the method needs, unless the reader has it."""
    if m.standing and m.id not in case.existing:
        return m.standing.get("setup_weeks") or 0
    return 0


def limit_time(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> None:
    if case.weeks is None:
        return
    setup = _setup_weeks(m, case)
    need = m.wmin + setup
    if need > case.weeks:
        extra = f", varav {weeks_text(setup)} för att bygga upp {m.standing['what']}" if setup else ""
        v.out.append(f"tar minst {weeks_text(need)}{extra}, ni har {weeks_text(case.weeks)}")


def limit_budget(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> None:
    if case.budget is not None and m.cost_rank > ch.cost_ranks[case.budget]:
        v.out.append(f"kostar mer ({ch.cost_phrase(m.cost)}) än budgeten ({ch.cost_phrase(case.budget)})")


def limit_format(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> None:
    """A wish for one form (physical or digital) rules out a method only of the other form."""
    fmt = case.fmt
    if fmt not in ch.single_formats or m.formats & ch.any_formats:
        return
    if fmt not in m.formats and not m.formats & ch.hybrid_formats:
        other = ch.single_formats[fmt]
        wanted = "en fysisk metod" if ch.formats[fmt].get("physical") else "en digital metod"
        v.out.append(f"finns bara {lc(ch.formats[other]['name'])}, ni vill ha {wanted}")


def limit_participants(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> None:
    """One session's size against the total reach; a repeatable method is run several times."""
    n = case.n
    if n is None:
        return
    pmin, pmax = ch.session_size(m, case.org)
    hard = ch.weights["participants"]["hard_factor"]
    if n * hard < pmin:
        v.out.append(f"behöver minst {num(pmin)} deltagare, ni väntar {num(n)}")
        return
    if pmax is None or n <= pmax:
        return
    if not m.repeatable:
        if n > pmax * hard:
            v.out.append(f"klarar högst {num(pmax)} deltagare, ni väntar {num(n)}")
        return
    sessions = math.ceil(n / pmax)
    if m.max_sessions and sessions > m.max_sessions:
        capacity = pmax * m.max_sessions
        if n > capacity * hard:
            v.out.append(f"räcker till högst {num(capacity)} deltagare ({num(m.max_sessions)} tillfällen à högst {num(pmax)}), "
                         f"ni väntar {num(n)}")
            return
        sessions = m.max_sessions
    v.sessions = sessions
    v.sessions_text = f"ca {num(sessions)} tillfällen à {span_text(pmin, pmax)} deltagare"


# -- gates: the method cannot pass (tier capped), whatever its score ------------------------------


def gate_purpose(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> bool:
    # Not a medborgardialog: the purposes the reader had in mind no longer decide; informing does.
    return bool(case.purposes) and not case.not_md and not m.purposes & set(case.purposes)


def gate_dialogue_type(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> bool:
    if m.dialogue_type in ch.medborgardialog_types or m.dialogue_type in case.wanted_types:
        return False
    dtype = ch.dialogue_types.get(m.dialogue_type, {"name": m.dialogue_type})
    calls = [f"syftet ”{ch.purposes[p]['name']}”" for p, types in ch.purpose_types.items() if m.dialogue_type in types and p in ch.purposes]
    calls += [f"målgruppen ”{ch.groups[g]['name']}”" for g, types in ch.group_types.items() if m.dialogue_type in types]
    text = f"Räknas som {lc(dtype['name'])}, inte som medborgardialog"
    if calls:
        text += f". Gäller frågan verkligen det, välj {' eller '.join(calls)}"
    v.caveats.append(text)
    return True


def gate_channel(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> bool:
    """A channel informs; it does not by itself give a dialogue."""
    if m.kind == "kanal" and not case.informing:
        v.caveats.append("En informationskanal: den sprider information om dialogen men ger ingen dialog i sig")
        return True
    return False


def gate_informing(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> bool:
    """When the question is to inform, a dialogue method is more than the question asks for."""
    if case.informing and not m.information:
        v.caveats.append("En dialogmetod: när frågan bara gäller information räcker en informationsmetod")
        return True
    return False


def note_standing_structure(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> None:
    """A method that needs a standing body says so, and whether the reader has it."""
    st = m.standing
    if not st:
        return
    if m.id in case.existing:
        v.reasons.append(f"Ni har redan {st['what']}")
    else:
        v.caveats.append(f"Kräver {st['what']}. {st['text'].rstrip('.')}. Finns den inte hos er tar det ca {weeks_text(st['setup_weeks'])} att bygga upp")


# -- criteria: each returns a fit from 0 to 1, or None when the input says nothing about it --------


def fit_level(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    level = case.level
    if level is None:
        return None
    lw = ch.weights["level"]
    lname = case.level_name
    if m.levels and m.levels[0] == level:
        v.reasons.append(f"Passar nivån {lname} på delaktighetstrappan")
        return lw["primary"]
    if level in m.levels:
        v.reasons.append(f"Passar nivån {lname} på delaktighetstrappan (används oftast på nivån {lc(ch.level_by_id[m.levels[0]]['name'])})")
        return lw["secondary"]
    by_distance = lw["by_distance"]
    distance = min((abs(s - case.step) for s in m.level_steps), default=len(by_distance) - 1)
    fit = by_distance[min(distance, len(by_distance) - 1)]
    named = [gid for (gid, lv) in m.placements if lv == level]
    if named:
        v.reasons.append(f"{join(sorted(ch._short(gid) for gid in named))} placerar metoden på nivån {lname}")
        return max(fit, lw["named_by_guideline"])
    v.caveats.append(f"Passar bäst på nivån {lc(ch.level_by_id[m.levels[0]]['name'])}, inte {lname}")
    return fit


def fit_purpose(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    if not case.purposes:
        return None
    matched = [p for p in case.purposes if p in m.purposes]
    missed = [p for p in case.purposes if p not in m.purposes]
    v.reasons.extend(f"Passar syftet: {ch.purposes[p]['name']}" for p in matched)
    if missed:
        word = "syftet" if len(missed) == 1 else "syftena"
        v.caveats.append(f"Passar inte {word}: {join([ch.purposes[p]['name'] for p in missed])}")
    return len(matched) / len(case.purposes)


def _group_fit(ch: Chooser, m: _Method, g: str) -> tuple[float, str, frozenset]:
    """(fit, how, related groups) of one chosen group: listed, related, reached by outreach, open to all, or none."""
    tw = ch.weights["target_groups"]
    if g in m.groups:
        return tw["listed"], "listed", frozenset()
    related = ch.related.get(g, frozenset()) & m.groups
    options = []
    if related:
        options.append((tw["related"], "related"))
    if g in ch.low_activity and m.outreach:
        options.append((tw["outreach_low_activity"], "outreach"))
    if tw["open_to_all_group"] in m.groups:
        options.append((tw["open_to_all"], "open"))
    best, how = max(options, default=(0.0, "none"))
    return best, how, related


def fit_target_groups(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    if not case.groups:
        return None
    total = 0.0
    found: dict[str, list[str]] = {"outreach": [], "low": [], "none": []}
    for g in case.groups:
        fit, how, related = _group_fit(ch, m, g)
        total += fit
        gname = case.group_names[g]
        if how == "listed":
            v.reasons.append(f"Når {gname}")
        elif how == "related":
            v.reasons.append(f"Når delvis {gname} (metoden nämner {join(sorted(lc(ch.groups[r]['name']) for r in related))})")
        elif how == "outreach":
            found["outreach"].append(gname)
        else:
            found["low" if g in ch.low_activity else "none"].append(gname)
    _group_texts(ch, m, found, v)
    for aspect, formats, text in case.aspects:
        if formats is None or m.formats & formats:
            tip = m.tips.get(aspect)
            v.caveats.append(f"{text}. Råd: {tip}" if tip else f"{text} (metoden har inget råd om det)")
    return total / len(case.groups)


def _group_texts(ch: Chooser, m: _Method, found: dict[str, list[str]], v: _Verdict) -> None:
    if found["outreach"]:
        v.reasons.append(f"Söker upp människor där de finns, och når så lättare {join(found['outreach'])}")
    if found["low"]:
        v.caveats.append(f"Når sällan {join(found['low'])} utan en uppsökande metod")
    if found["none"]:
        prefix = "Öppen för alla, men når inte särskilt " if ch.weights["target_groups"]["open_to_all_group"] in m.groups else "Når inte särskilt "
        v.caveats.append(prefix + join(found["none"]))


def fit_participants(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    n = case.n
    if n is None:
        return None
    pw = ch.weights["participants"]
    pmin, pmax = ch.session_size(m, case.org)
    log_hard = math.log2(pw["hard_factor"])
    rule = ch.group_size_rules.get((case.org, m.id)) if case.org else None
    if rule:
        v.caveats.append(f"{ch._short(case.org)}: {rule['text']}")
    if n < pmin:
        v.caveats.append(f"Färre deltagare än metoden behöver (minst {num(pmin)})")
        return max(0.0, 1 - math.log2(pmin / n) / log_hard)
    if v.sessions > 1:
        v.reasons.append(f"Räcker till {num(n)} deltagare som {v.sessions_text}")
        v.caveats.append(f"Kräver {v.sessions_text}: planera samtalsledare, lokaler och sammanställning för varje tillfälle")
        return max(pw["sessions_floor"], 1 - pw["per_doubling_of_sessions"] * math.log2(v.sessions))
    if pmax is not None and n > pmax:
        v.caveats.append(f"Större grupp än metoden brukar klara (högst {num(pmax)})")
        return max(0.0, 1 - math.log2(n / pmax) / log_hard)
    if pmax is not None or pmin > 1:
        v.reasons.append(f"Passar för {num(n)} deltagare (metoden: {span_text(pmin, pmax)})")
    return 1.0


def fit_time(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    weeks = case.weeks
    if weeks is None:
        return None
    setup = _setup_weeks(m, case)
    low = m.wmin + setup
    top = (m.wmax + setup) if m.wmax is not None else low
    span = f"{num(m.wmin)}–{weeks_text(m.wmax)}" if m.wmax is not None else f"minst {weeks_text(m.wmin)}, sedan löpande"
    if setup:
        span += f", och {weeks_text(setup)} för att bygga upp {m.standing['what']}"
    if weeks >= top or top <= low:
        v.reasons.append(f"Hinner ge resultat inom {weeks_text(weeks)} (brukar ta {span})")
        return 1.0
    floor = ch.weights["time"]["tight_floor"]
    v.caveats.append(f"Snäv tid: metoden brukar ta {span}, ni har {weeks_text(weeks)}. Det går på kortast {weeks_text(low)}")
    return floor + (1 - floor) * (weeks - low) / (top - low)


def fit_budget(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    """Within the budget (else excluded); repeated sessions raise the cost and lower the fit."""
    bw = ch.weights["budget"]
    steps = int(math.log(v.sessions, bw["sessions_per_cost_step"])) if v.sessions > 1 else 0
    top_rank = max(ch.cost_ranks.values())
    grown = min(top_rank, m.cost_rank + steps)
    grown_id = next((c for c, r in ch.cost_ranks.items() if r == grown), m.cost)
    if steps and grown > m.cost_rank:
        v.caveats.append(f"Med {v.sessions_text} blir kostnaden och arbetstiden större, ungefär {ch.cost_phrase(grown_id)}")
    if case.budget is None:
        return None
    over = grown - ch.cost_ranks[case.budget]
    if over > 0:
        v.caveats.append(f"Så många tillfällen kan kosta mer än budgeten ({ch.cost_phrase(case.budget)})")
        return max(0.0, 1 - bw["per_level_over"] * over)
    v.reasons.append(f"Ryms i budgeten ({ch.cost_phrase(m.cost)})")
    return 1.0


def fit_format(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    fmt = case.fmt
    if fmt == ANY_FORMAT:
        return None
    fw = ch.weights["format"]
    if fmt in m.formats or m.formats & ch.any_formats:
        if fmt in m.formats:
            v.reasons.append(f"Kan genomföras {lc(ch.formats[fmt]['name'])}" if fmt not in ch.hybrid_formats else "Kan genomföras som hybrid, fysiskt och digitalt samtidigt")
        else:
            v.reasons.append("Når människor oavsett form (tryck, radio eller utskick)")
        return 1.0
    if fmt not in ch.hybrid_formats:  # one form wished for, the method has it as part of a hybrid
        v.reasons.append("Görs som hybrid, med en fysisk del" if ch.formats[fmt].get("physical") else "Görs som hybrid, med en digital del")
        return fw["hybrid_only"]
    singles = m.formats & set(ch.single_formats)
    if any(ch.formats[f].get("physical") for f in singles) and any(ch.formats[f].get("digital") for f in singles):
        v.reasons.append("Kan göras både fysiskt och digitalt")
        v.caveats.append("Planera hur den fysiska och den digitala delen hänger ihop")
        return fw["both_forms"]
    only = lc(ch.formats[next(iter(sorted(m.formats & set(ch.formats))))]["name"]) if m.formats & set(ch.formats) else "i en form"
    v.caveats.append(f"Finns bara {only}; en hybridvariant behöver planeras särskilt")
    return fw["one_form"]


def fit_guideline(ch: Chooser, m: _Method, case: _Case, v: _Verdict) -> float | None:
    org = case.org
    if not org:
        return None
    gw = ch.weights["guideline"]
    entries = m.named_by.get(org, [])
    if not entries:
        return 0.0
    at_level = [e for e in entries if case.level is None or e[0] == case.level]
    entry_level, entry_name = (at_level or entries)[0]
    where = f" på nivån {lc(ch.level_by_id[entry_level]['name'])}" if entry_level else ""
    v.reasons.append(f"{ch._short(org)} nämner metoden{where} (”{entry_name}”)")
    return gw["at_level"] if at_level else gw["other_level"]


HARD_LIMITS: dict[str, Callable] = {"time": limit_time, "budget": limit_budget, "format": limit_format, "participants": limit_participants}
GATES: dict[str, Callable] = {"purpose": gate_purpose, "dialogue_type": gate_dialogue_type, "channel": gate_channel, "informing": gate_informing}
CRITERIA: dict[str, Callable] = {
    "level": fit_level, "purpose": fit_purpose, "target_groups": fit_target_groups, "participants": fit_participants,
    "time": fit_time, "budget": fit_budget, "format": fit_format, "guideline": fit_guideline,
}


# -- the chooser ------------------------------------------------------------------------------


class Chooser:
    """Advice over one catalogue. Build once (indexes), then call `advise` many times."""

    def __init__(self, catalogue: dict, weights: dict | None = None):
        self.catalogue = catalogue
        self.weights = weights or load_weights()
        w = self.weights
        self.limits = [(item["id"], HARD_LIMITS[item["id"]]) for item in w["hard_limits"]]
        self.gates = [(item["id"], GATES[item["id"]], item["cap"]) for item in w["gates"]]
        self.criteria = [(c["id"], CRITERIA[c["id"]], float(c["weight"])) for c in w["criteria"]]
        self.thresholds = w["tiers"]

        self._index_vocabularies(catalogue)
        self._index_guidelines(catalogue["guidelines"])
        self.methods = [_Method(m, self) for m in catalogue["methods"]]
        self.method_by_id = {m.id: m for m in self.methods}
        self.standing_ids = [m.id for m in self.methods if m.standing]

        tg = w["target_groups"]
        self.related = {g: frozenset(r for r in rs if r in self.groups) for g, rs in tg["related_groups"].items() if g in self.groups}
        self.aspects = w["accessibility"]["aspects"]
        self.purpose_types = {p: list(types) for p, types in w["dialogue_type"]["purpose_types"].items()}
        self.group_types = {g: list(types) for g, types in w["dialogue_type"]["group_types"].items() if g in self.groups}
        self.information_purposes = frozenset(w["combination"]["information_purposes"])
        self.default_input = validate_input({}, self)

    def _index_vocabularies(self, catalogue: dict) -> None:
        ladder = catalogue["ladder"]["levels"]
        self.levels = [lv["id"] for lv in ladder]
        self.level_index = {lv["id"]: i for i, lv in enumerate(ladder)}
        self.level_by_id = {lv["id"]: lv for lv in ladder}
        vocab = catalogue["vocabularies"]
        self.purposes = {p["id"]: p for p in vocab["purposes"]["items"]}
        group_items = vocab["target-groups"]["items"] + vocab["quadrants"]["items"]
        self.groups = {g["id"]: g for g in group_items}
        # Old ids and guidelines' own words for an item (contract A): alias -> the items it points to.
        self.aliases: dict[str, dict[str, list[str]]] = {"purposes": {}, "target_groups": {}}
        for key, items, own in (("purposes", vocab["purposes"]["items"], self.purposes), ("target_groups", group_items, self.groups)):
            for item in items:
                for alias in item.get("aliases", []):
                    if alias["id"] not in own:
                        self.aliases[key].setdefault(alias["id"], []).append(item["id"])
        self.low_activity = frozenset(gid for gid, g in self.groups.items() if g.get("low_activity"))
        # Formats a reader can ask for; one that reaches people whatever the form (print,
        # radio) is never asked for and never excludes a method.
        self.formats = {f["id"]: f for f in vocab["formats"]["items"] if not f.get("fits_any_format")}
        self.any_formats = frozenset(f["id"] for f in vocab["formats"]["items"] if f.get("fits_any_format"))
        # What a form is made of (the vocabulary's physical and digital): one form, the
        # single form it is the opposite of, and hybrids that have both.
        self.physical_formats = frozenset(fid for fid, f in self.formats.items() if f.get("physical"))
        self.hybrid_formats = frozenset(fid for fid, f in self.formats.items() if f.get("physical") and f.get("digital"))
        one = {fid: f for fid, f in self.formats.items() if bool(f.get("physical")) != bool(f.get("digital"))}
        self.single_formats = {fid: next((o for o, g in one.items() if bool(g.get("physical")) != bool(f.get("physical"))), fid) for fid, f in one.items()}
        self.costs = {c["id"]: c for c in vocab["cost-levels"]["items"]}
        self.cost_ranks = {c["id"]: c["rank"] for c in vocab["cost-levels"]["items"]}
        self.dialogue_types = {d["id"]: d for d in vocab["dialogue-types"]["items"]}
        self.medborgardialog_types = frozenset(d["id"] for d in vocab["dialogue-types"]["items"] if d.get("medborgardialog"))
        self.roles = {r["id"]: r for r in vocab["roles"]["items"]}

    def _index_guidelines(self, guidelines: list[dict]) -> None:
        self.guidelines = {g["id"]: g for g in guidelines}
        self.section_headings = {g["id"]: {s["id"]: s["heading"] for s in g.get("sections", [])} for g in guidelines}
        # Group-size rules per organisation and method (e.g. Krokom: fokusgrupper 8–12).
        self.group_size_rules: dict[tuple[str, str], dict] = {
            (g["id"], rule["method"]): rule
            for g in guidelines for rule in g.get("facts", {}).get("rules", {}).get("items", [])
            if rule.get("kind") == "group-size" and rule.get("method")
        }
        self.information_first = [s for g in guidelines for s in self._information_first(g)]
        # Guidelines that place the organisation in a Sami administrative area (their own text says so).
        words = self.weights["legal"]["sami-consultation"]["area_words"]
        self.sami_area: dict[str, str] = {}
        for g in guidelines:
            hit = next((s["id"] for s in g.get("sections", []) if any(word in json.dumps(s.get("blocks", []), ensure_ascii=False) for word in words)), None)
            if hit:
                self.sami_area[g["id"]] = hit

    def _information_first(self, g: dict) -> list[dict]:
        """The guideline's backing for "an information method first": its rule, or information as a prerequisite."""
        facts = g.get("facts", {})
        rules = [{"guideline": g["id"], "section": r["section"], "text": r["text"]}
                 for r in facts.get("rules", {}).get("items", []) if r.get("kind") == "information-first"]
        levels = facts.get("levels", {})
        if not rules and self.levels[0] in levels.get("prerequisite", []):
            text = f"{self._short_of(g)} räknar information som en förutsättning för stegen ovanför på delaktighetstrappan."
            rules.append({"guideline": g["id"], "section": levels["section"], "text": text})
        return rules

    # -- helpers used by the judging functions -------------------------------------------------

    def session_size(self, m: _Method, org: str | None) -> tuple[float, float | None]:
        """(min, max) participants of one session; an organisation's group-size rule replaces the method's."""
        rule = self.group_size_rules.get((org, m.id)) if org else None
        if rule:
            return rule.get("min", m.pmin), rule.get("max", m.pmax)
        return m.pmin, m.pmax

    def cost_phrase(self, cost_id: str) -> str:
        """"låg kostnad", "medelhög kostnad" (a cost level's name as an adjective)."""
        phrases = self.weights["budget"]["phrases"]
        return phrases.get(cost_id) or f"{lc(self.costs[cost_id]['name'])} kostnad"

    # -- input ------------------------------------------------------------------------------

    def validate_input(self, data: Any) -> dict:
        """The normalised input, with defaults; raises ChooserInputError (one line, Swedish)."""
        return validate_input(data, self)

    # -- advice -----------------------------------------------------------------------------

    def advise(self, data: Any) -> dict:
        """Ranked, explained advice for one input (see README.md). JSON-serialisable."""
        inp = self.validate_input(data)
        case = _Case(self, inp)
        scored, excluded = [], []
        for m in self.methods:
            verdict = self._judge(m, case)
            if verdict.out:
                excluded.append({"id": m.id, "name": m.name, "reason": "; ".join(verdict.out), "reasons": verdict.out,
                                 "limits": verdict.limits})
            else:
                scored.append((m, self._entry(m, verdict)))
        scored.sort(key=lambda pair: self._order(pair[0], pair[1], case))
        excluded.sort(key=lambda e: name_key(e["name"]))
        ranked = [entry for _, entry in scored]
        counts = {tier: sum(1 for e in ranked if e["tier"] == tier) for tier in TIERS}
        counts["excluded"] = len(excluded)

        combination = self._combination(scored, case)
        proposed = {s["id"] for s in combination} | {e["id"] for e in ranked[:3]}
        advice = {
            "input": inp,
            # Nothing chosen yet; the organisation may be the site's own default, not a choice.
            "empty": {**inp, "organisation": None} == self.default_input,
            "ranked": ranked,
            "excluded": excluded,
            "counts": counts,
            "combination": combination,
            "requirements": self._requirements(case, proposed) if case.org else [],
            "notice": self._notices(case, scored, excluded, counts),
        }
        advice["plan"] = _plan.render_plan(self, inp, advice)
        return advice

    def _judge(self, m: _Method, case: _Case) -> _Verdict:
        """Hard limits first (any one rules the method out), then gates and criteria."""
        v = _Verdict()
        for lid, limit in self.limits:
            before = len(v.out)
            limit(self, m, case, v)
            if len(v.out) > before:
                v.limits.append(lid)
        if v.out:
            return v
        for gid, gate, cap in self.gates:
            if gate(self, m, case, v):
                v.gates.append(gid)
                v.cap = max(v.cap, cap, key=TIERS.index)
        note_standing_structure(self, m, case, v)
        for cid, criterion, _ in self.criteria:
            fit = criterion(self, m, case, v)
            if fit is not None:
                v.fits[cid] = fit
        return v

    def _entry(self, m: _Method, v: _Verdict) -> dict:
        active = [(cid, weight) for cid, _, weight in self.criteria if cid in v.fits]
        total = sum(weight for _, weight in active)
        raw = 100 * sum(weight * v.fits[cid] for cid, weight in active) / total if total else self.weights["neutral_score"]
        score = int(math.floor(min(100.0, max(0.0, raw)) + 0.5))
        tier = "good" if score >= self.thresholds["good"] else "partial" if score >= self.thresholds["partial"] else "poor"
        if TIERS.index(v.cap) > TIERS.index(tier):
            tier = v.cap
            # The number agrees with the tier: a method that cannot pass does not show a passing score.
            score = min(score, self.thresholds[v.cap] - 1 if v.cap == "partial" else self.thresholds["partial"] - 1)
        entry = {
            "id": m.id,
            "name": m.name,
            "kind": m.kind,
            "score": score,
            "tier": tier,
            "gates": v.gates,
            "reasons": v.reasons,
            "caveats": [c[:1].upper() + c[1:] for c in v.caveats],
            "fit": {cid: round(v.fits[cid], 2) for cid, _, _ in self.criteria if cid in v.fits},
            "summary": m.data["summary"],
            "levels": m.levels,
            "outreach": m.outreach,
        }
        if v.sessions > 1:
            entry["sessions"] = v.sessions
            entry["sessions_text"] = v.sessions_text
        return entry

    def _order(self, m: _Method, entry: dict, case: _Case) -> tuple:
        """Tier, score, then relevance: purpose fit (the method's main purpose first), target groups, level,
        the other criteria; the name only last."""
        fit = entry["fit"]
        primary = 1 if m.first_purpose in case.purposes else 0
        others = sum(fit.get(cid, 0) * weight for cid, _, weight in self.criteria if cid not in ("purpose", "target_groups", "level"))
        return (TIERS.index(entry["tier"]), -entry["score"], -fit.get("purpose", 0), -primary,
                -fit.get("target_groups", 0), -fit.get("level", 0), -others, m.key)

    def _short(self, guideline_id: str) -> str:
        return self._short_of(self.guidelines.get(guideline_id, {"id": guideline_id}))

    @staticmethod
    def _short_of(g: dict) -> str:
        return g.get("short_name") or g.get("organisation") or g["id"]

    # -- combination ------------------------------------------------------------------------

    def _reach(self, m: _Method, groups: list[str]) -> int:
        """How many of the chosen groups a method lists (or lists a related group of)."""
        return sum(1 for g in groups if g in m.groups or self.related.get(g, frozenset()) & m.groups)

    def _combination(self, scored: list[tuple[_Method, dict]], case: _Case) -> list[dict]:
        if not scored:
            return []
        passing = [(m, e) for m, e in scored if e["tier"] != "poor" or not case.purposes]
        if case.informing:
            candidates = [(m, e) for m, e in passing if m.information]
        else:
            candidates = [(m, e) for m, e in passing if not m.information and not {"purpose", "dialogue_type"} & set(e["gates"])]
        if not candidates:
            return []
        mm, mentry = candidates[0]
        steps: list[dict] = []
        used = {mm.id}
        if not case.informing and self.level_index.get(case.level or mm.levels[0], 0) > 0:
            info = self._information_step(scored, case, mm, used)
            if info:
                steps.append(info)
        steps.append(self._main_step(mm, mentry, case))
        outreach = self._outreach_step(scored, case, mm, used)
        if outreach:
            steps.append(outreach)
        for number, step in enumerate(steps, 1):
            step["step"] = number
        return steps

    def _paired(self, a: _Method, b: _Method) -> bool:
        return a.id in b.combines or b.id in a.combines

    def _information_step(self, scored, case: _Case, mm: _Method, used: set) -> dict | None:
        """The information channel that reaches most of the chosen groups, then pairs with the main method, then by score."""
        candidates = [(m, e) for m, e in scored if m.information and m.id not in used]
        if not candidates:
            return None
        m, e = min(candidates, key=lambda p: (-self._reach(p[0], case.groups), -self._paired(p[0], mm), -p[1]["score"], p[0].key))
        used.add(m.id)
        org = case.org
        sources = [s for s in self.information_first if s["guideline"] == org] or ([] if org else list(self.information_first))
        why = "Information kommer först: invånarna behöver veta vad frågan gäller och vad de kan påverka innan de kan delta."
        if sources:
            why += " " + " ".join(s["text"] if s["text"].startswith(self._short(s["guideline"])) else f"{self._short(s['guideline'])}: {s['text']}" for s in sources)
        reached = [r for r in e["reasons"] if r.startswith("Når ")][:2]
        why += f" {m.name}: " + (". ".join(reached) + "." if reached else "en informationsmetod som ryms i era ramar.")
        if self._paired(m, mm):
            why += f" Den brukar kombineras med {mm.name}."
        return self._step("information", m, e, why, sources)

    def _main_step(self, mm: _Method, mentry: dict, case: _Case) -> dict:
        if not mentry["fit"]:
            why = ("Ni har inte angett något som skiljer metoderna åt, så alla får samma poäng och ordningen följer namnen. "
                   "Välj nivå, syfte och målgrupper för ett råd som passar er.")
            return self._step("main", mm, mentry, why, [])
        why = (f"Den metod som passar er situation bäst (poäng {mentry['score']})." if mentry["tier"] == "good"
               else f"Den metod som passar er situation bäst, men bara delvis (poäng {mentry['score']}).")
        if mentry["reasons"][:3]:
            why += " " + ". ".join(mentry["reasons"][:3]) + "."
        if mentry.get("sessions"):
            why += f" Räkna med {mentry['sessions_text']}."
        low = [g for g in case.groups if g in self.low_activity]
        if low and mm.outreach and all(g in mm.groups for g in low):
            why += f" Metoden söker själv upp {join([lc(self.groups[g]['name']) for g in low])} där de finns."
        return self._step("main", mm, mentry, why, [])

    def _outreach_step(self, scored, case: _Case, mm: _Method, used: set) -> dict | None:
        """A way to reach groups that seldom take part, added beside the main method (never instead of it)."""
        low = [g for g in case.groups if g in self.low_activity]
        if not low or (mm.outreach and all(g in mm.groups for g in low)):
            return None
        if case.informing:
            pool = [(m, e) for m, e in scored if m.information and m.id not in used and self._reach(m, low)]
        else:
            pool = [(m, e) for m, e in scored if m.outreach and not m.information and m.id not in used
                    and "dialogue_type" not in e["gates"]]
        if not pool:
            return None
        m, e = min(pool, key=lambda p: (-sum(1 for g in low if g in p[0].groups), -self._paired(p[0], mm), TIERS.index(p[1]["tier"]), -p[1]["score"], p[0].key))
        used.add(m.id)
        names = [lc(self.groups[g]["name"]) for g in low]
        reached = [lc(self.groups[g]["name"]) for g in low if g in m.groups]
        if case.informing:
            why = f"Era målgrupper har grupper som sällan nås ({join(names)}). {m.name} når dem på andra vägar"
        else:
            why = f"Era målgrupper har grupper som sällan deltar ({join(names)}). {m.name} söker upp människor där de redan finns"
        why += f" och passar särskilt för {join(reached)}." if reached else "."
        if self._paired(m, mm):
            why += f" Den brukar kombineras med {mm.name}."
        if e.get("sessions"):
            why += f" Räkna med {e['sessions_text']}."
        return self._step("outreach", m, e, why, [])

    @staticmethod
    def _step(role: str, m: _Method, entry: dict, why: str, sources: list[dict]) -> dict:
        step = {"step": 0, "role": role, "id": m.id, "name": m.name, "score": entry["score"], "why": why, "sources": sources}
        if entry.get("sessions"):
            step["sessions"] = entry["sessions"]
            step["sessions_text"] = entry["sessions_text"]
        return step

    # -- requirements -----------------------------------------------------------------------

    def _level_counted(self, org: str, level: str | None) -> bool | None:
        counted = self.guidelines[org].get("facts", {}).get("levels", {}).get("counted")
        if level is None or not counted:
            return None
        return level in counted

    def _is_meeting(self, m: _Method) -> bool:
        return not m.information and m.pmax is not None and bool(m.formats & self.physical_formats)

    def _rule_applies(self, rule: dict, case: _Case, proposed: set[str]) -> bool:
        kind = rule.get("kind")
        if rule.get("method"):
            return rule["method"] in proposed
        if kind == "information-first":
            return case.level is not None and self.level_index[case.level] > 0
        if kind == "question-time":
            # Meeting time: only when a proposed method is a meeting (a room with a size, physical or hybrid).
            return any(self._is_meeting(self.method_by_id[mid]) for mid in proposed)
        return True

    def _requirements(self, case: _Case, proposed: set[str]) -> list[dict]:
        """The organisation's rules that apply to this case: none when it is not a medborgardialog,
        only the level verdict when the organisation does not count the level."""
        org = case.org
        facts = self.guidelines[org].get("facts", {})
        outside = set(facts.get("not_medborgardialog", {}).get("dialogue_types", []))
        purpose_types = {t for p in case.purposes for t in self.purpose_types.get(p, [])}
        if case.not_md or purpose_types & outside:  # the guideline for medborgardialog does not cover this case
            return []
        items = self._level_requirement(case, facts)
        if self._level_counted(org, case.level) is False:
            return items
        for kind, title, extra in self._fact_requirements(facts):
            items.append(self._requirement(org, kind, title, facts[kind]["summary"] if kind != "decision" else extra.pop("text"),
                                           facts[kind]["section"], **extra))
        for rule in facts.get("rules", {}).get("items", []):
            if self._rule_applies(rule, case, proposed):
                items.append(self._requirement(org, "rule", "Regel", rule["text"], rule["section"], rule=rule["kind"],
                                               **{k: rule[k] for k in ("method", "min", "max", "share") if k in rule}))
        for kind, title in (("feedback", "Återkoppling"), ("evaluation", "Utvärdering")):
            if kind in facts:
                items.append(self._requirement(org, kind, title, facts[kind]["summary"], facts[kind]["section"]))
        return items

    def _requirement(self, org: str, kind: str, title: str, text: str, section: str, **extra: Any) -> dict:
        item = {"kind": kind, "title": title, "text": text, "guideline": org, "section": section,
                "section_heading": self.section_headings[org].get(section, section)}
        item.update(extra)
        return item

    def _level_requirement(self, case: _Case, facts: dict) -> list[dict]:
        if "levels" not in facts:
            return []
        f, org = facts["levels"], case.org
        if case.level is None:
            return [self._requirement(org, "levels", "Nivåer som räknas", f["summary"], f["section"])]
        counted = bool(self._level_counted(org, case.level))
        lname, short = lc(self.level_by_id[case.level]["name"]), self._short(org)
        verdict = f"Nivån {lname} räknas som medborgardialog hos {short}." if counted else f"Nivån {lname} räknas inte som medborgardialog hos {short}."
        return [self._requirement(org, "levels", "Nivåer som räknas", f"{verdict} {f['summary']}", f["section"], counted=counted, level=case.level)]

    @staticmethod
    def _fact_requirements(facts: dict) -> list[tuple[str, str, dict]]:
        """(kind, title, extra fields) for the decision, plan and target-group analysis facts the guideline has."""
        out = []
        if "decision" in facts:
            f = facts["decision"]
            formal = {True: " Ett formellt beslut krävs.", False: " Inget formellt beslut krävs."}.get(f.get("formal_decision"), "")
            out.append(("decision", "Vem beslutar", {"text": f"{f['decided_by']}.{formal} {f['summary']}".strip(),
                                                      "decided_by": f["decided_by"], "formal_decision": f.get("formal_decision")}))
        if "plan" in facts:
            out.append(("plan", "Vad planen ska innehålla", {"items": list(facts["plan"]["items"])} if facts["plan"].get("items") else {}))
        if "target_group_analysis" in facts:
            out.append(("target_group_analysis", "Målgruppsanalys", {}))
        return out

    # -- notices ----------------------------------------------------------------------------

    def _notices(self, case: _Case, scored, excluded: list[dict], counts: dict) -> list[dict]:
        return [n for notice in NOTICES.values() for n in notice(self, case, scored, excluded, counts)]


# -- notices, each a small function; order = order on the page -----------------------------------


def notice_not_medborgardialog(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    inp = case.inp
    if not case.not_md:
        return []
    why = []
    if not inp["influenceable"]:
        why.append("frågan inte längre går att påverka")
    if not inp["needs_views"]:
        why.append("de förtroendevalda inte behöver veta invånarnas värderingar och prioriteringar i frågan")
    info = [m for m, _ in scored if m.information][:3]
    text = (f"Det här är inte en medborgardialog, eftersom {join(why)}. Berätta i stället tydligt vad som ska hända, "
            "när och varför, med en informationsmetod.")
    if info:
        text += f" Till exempel: {join([m.name for m in info])}. Listan visar därför informationsmetoder först."
    return [{"kind": "not-medborgardialog", "text": text, "methods": [m.id for m in info]}]


def notice_level_not_counted(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    org = case.org
    if not org or case.not_md or ch._level_counted(org, case.level) is not False:
        return []
    f = ch.guidelines[org]["facts"]["levels"]
    lname = lc(ch.level_by_id[case.level]["name"])
    names = join([lc(ch.level_by_id[lv]["name"]) for lv in f["counted"] if lv in ch.level_by_id])
    text = (f"{ch._short(org)} räknar inte nivån {lname} som medborgardialog, bara {names}. "
            f"Riktlinjens krav för medborgardialog gäller därför inte här. {f['summary']}")
    return [{"kind": "level-not-counted", "text": text, "guideline": org, "section": f["section"]}]


def notice_dialogue_type(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    org = case.org
    excluded_types = set(ch.guidelines[org].get("facts", {}).get("not_medborgardialog", {}).get("dialogue_types", [])) if org else set()
    out, seen = [], set()
    for p in case.purposes:
        for dtype_id in ch.purpose_types.get(p, []):
            if dtype_id in seen or dtype_id not in ch.dialogue_types or dtype_id not in ch.weights["dialogue_type"]["notice_types"]:
                continue
            seen.add(dtype_id)
            dtype = ch.dialogue_types[dtype_id]
            text = f"Syftet ”{ch.purposes[p]['name']}” gör detta till {lc(dtype['name'])}, inte medborgardialog. {dtype.get('description', '')}".strip()
            extra: dict[str, Any] = {}
            if dtype_id in excluded_types:
                f = ch.guidelines[org]["facts"]["not_medborgardialog"]
                text += f" {genitive(ch._short(org))} riktlinje för medborgardialog gäller inte {lc(dtype['name'])}."
                extra = {"guideline": org, "section": f["section"]}
            law = ch.weights["dialogue_type"]["sources"].get(dtype_id)
            if law:
                extra["source"] = law
            methods = [m.id for m, _ in scored if m.dialogue_type == dtype_id][:3]
            out.append({"kind": dtype_id, "text": text, "methods": methods, **extra})
    return out


def _legal(ch: Chooser, kind: str, text: str) -> dict:
    spec = ch.weights["legal"][kind]
    return {"kind": kind, "text": text, "source": spec["source"]}


def notice_sami(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    spec = ch.weights["legal"]["sami-consultation"]
    sami = any(g in spec["groups"] for g in case.groups)
    area = ch.sami_area.get(case.org) if case.org else None
    concerns = area and any(p in spec["area_purposes"] for p in case.purposes)
    if not (sami or concerns):
        return []
    text = spec["text"] if sami else spec["area_text"].format(organisation=ch._short(case.org)) + " " + spec["text"]
    # The catalogue's own ways to consult: methods of the dialogue type the group calls for, that list the group.
    types = {t for g in spec["groups"] for t in ch.group_types.get(g, [])}
    ways = [m for m in ch.methods if m.dialogue_type in types and m.groups & set(spec["groups"])]
    if ways:
        text += f" Se metoden {ways[0].name}." if len(ways) == 1 else f" Se metoderna {join([m.name for m in ways])}."
    notice = _legal(ch, "sami-consultation", text)
    notice["methods"] = [m.id for m in ways]
    if area:
        notice.update(guideline=case.org, section=area)
    return [notice]


def notice_minorities(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    spec = ch.weights["legal"]["national-minorities"]
    hit = [g for g in case.groups if g in spec["groups"]]
    if not hit:
        return []
    return [_legal(ch, "national-minorities", spec["text"])]


def notice_children(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    spec = ch.weights["legal"]["children"]
    if not any(g in spec["groups"] for g in case.groups):
        return []
    return [_legal(ch, "children", spec["text"])]


def notice_referendum(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    spec = ch.weights["legal"]["referendum"]
    top = {m.id for m, _ in scored[:3]}
    wants_vote = case.level == spec["level"] and any(p in spec["purposes"] for p in case.purposes)
    if not (wants_vote or top & set(spec["methods"])):
        return []
    return [_legal(ch, "referendum", spec["text"])]


def _need(ch: Chooser, m: _Method, limit: str, case: _Case) -> str:
    """What a method needs of a limit that rules it out: "minst 16 veckor", "mycket hög kostnad"."""
    if limit == "time":
        return f"minst {weeks_text(m.wmin + _setup_weeks(m, case))}"
    if limit == "budget":
        return ch.cost_phrase(m.cost)
    if limit == "format":
        return "finns " + join(sorted(lc(ch.formats[f]["name"]) for f in m.formats if f in ch.formats))
    pmin, pmax = ch.session_size(m, case.org)
    return f"{span_text(pmin, pmax)} deltagare"


def notice_none_good(ch: Chooser, case: _Case, scored, excluded, counts) -> list[dict]:
    """No method passes well: which limit to relax, and which methods each relaxation brings back."""
    if counts["good"] or {**case.inp, "organisation": None} == ch.default_input:
        return []
    free = _Case(ch, case.inp)
    free.weeks, free.budget, free.n, free.fmt = None, None, None, ANY_FORMAT
    back: dict[tuple[str, ...], list[_Method]] = {}
    for e in excluded:
        m = ch.method_by_id[e["id"]]
        if ch._entry(m, ch._judge(m, free))["tier"] == "good":
            back.setdefault(tuple(e["limits"]), []).append(m)
    text = "Ingen metod passar väl med era val."
    relax = ch.weights["relax"]
    for limits, found in sorted(back.items()):
        names = [f"{m.name} ({', '.join(_need(ch, m, lim, case) for lim in limits)})" for m in found]
        text += f" Med {join([relax[lim] for lim in limits])} skulle de här passa väl: {join(names)}."
    if not back:
        text += (" Ingen gräns (tid, budget, form eller antal) håller tillbaka en metod som skulle passa väl. "
                 "Pröva färre syften eller målgrupper, eller en annan nivå på delaktighetstrappan.")
    return [{"kind": "none-good", "text": text, "methods": [m.id for found in back.values() for m in found]}]


NOTICES: dict[str, Callable] = {
    "not-medborgardialog": notice_not_medborgardialog,
    "level-not-counted": notice_level_not_counted,
    "dialogue-type": notice_dialogue_type,
    "sami-consultation": notice_sami,
    "national-minorities": notice_minorities,
    "children": notice_children,
    "referendum": notice_referendum,
    "none-good": notice_none_good,
}


# -- input validation -------------------------------------------------------------------------


def _ids_text(ids: list[str]) -> str:
    return ", ".join(ids[:12]) + (" …" if len(ids) > 12 else "")


def validate_input(data: Any, catalogue: Any) -> dict:
    """Check and normalise an input dict against the catalogue (a dict or a Chooser).

    Missing keys get defaults; old ids (aliases) are replaced by the items they point to;
    raises ChooserInputError with one line of Swedish."""
    ch = catalogue if isinstance(catalogue, Chooser) else Chooser(catalogue)
    if not isinstance(data, dict):
        raise ChooserInputError(f"Indata ska vara ett JSON-objekt med nycklarna {', '.join(INPUT_KEYS)}, fann {_type_name(data)}.")
    for key in data:
        if key not in INPUT_KEYS:
            raise ChooserInputError(f"Okänd nyckel ”{_shown(key)}”. Giltiga nycklar: {', '.join(INPUT_KEYS)}.")
    out: dict[str, Any] = {}
    for key in ("influenceable", "needs_views"):
        value = data.get(key)
        if value is None:
            value = True
        if not isinstance(value, bool):
            raise ChooserInputError(f"Svaret på {INPUT_LABELS[key]} ska vara true eller false, fann {_type_name(value)}.")
        out[key] = value
    out["level"] = _one_id(data, "level", ch.levels, "Okänd nivå på delaktighetstrappan")
    out["purposes"] = _id_list(data, "purposes", list(ch.purposes), "Okänt syfte", ch.aliases["purposes"])
    out["target_groups"] = _id_list(data, "target_groups", list(ch.groups), "Okänd målgrupp", ch.aliases["target_groups"])
    out["participants"] = _number(data, "participants", integer=True, low=1, high=MAX_PARTICIPANTS)
    out["weeks"] = _number(data, "weeks", integer=False, low=0, high=MAX_WEEKS)
    out["budget"] = _one_id(data, "budget", list(ch.costs), "Okänd kostnadsnivå")
    fmt = data.get("format")
    out["format"] = ANY_FORMAT if fmt is None else _one_id(data, "format", [*ch.formats, ANY_FORMAT], "Okänd form")
    out["organisation"] = _one_id(data, "organisation", list(ch.guidelines), "Okänd organisation (riktlinje)")
    out["existing"] = _id_list(data, "existing", ch.standing_ids, "Okänd metod med stående struktur", {})
    return out


def _type_name(value: Any) -> str:
    return {bool: "ett sant/falskt-värde", int: "ett tal", float: "ett tal", str: "en text", list: "en lista",
            dict: "ett objekt", type(None): "null"}.get(type(value), type(value).__name__)


def _shown(value: object) -> str:
    """Text from the input as it may stand in a one-line message: short, no line breaks."""
    return " ".join(str(value).split())[:40]


def _one_id(data: dict, key: str, allowed: list[str], unknown: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ChooserInputError(f"{INPUT_LABELS[key][:1].upper()}{INPUT_LABELS[key][1:]} ska vara ett id (text), fann {_type_name(value)}.")
    if value not in allowed:
        raise ChooserInputError(f"{unknown} ”{_shown(value)}” i {INPUT_LABELS[key]}. Giltiga: {_ids_text(allowed) or 'inga'}.")
    return value


def _id_list(data: dict, key: str, allowed: list[str], unknown: str, aliases: dict[str, list[str]]) -> list[str]:
    value = data.get(key)
    label = INPUT_LABELS[key][:1].upper() + INPUT_LABELS[key][1:]
    if value is None:
        return []
    if isinstance(value, str):
        raise ChooserInputError(f"{label} ska vara en lista med id, fann en text (skriv [\"{_shown(value)}\"]).")
    if not isinstance(value, list):
        raise ChooserInputError(f"{label} ska vara en lista med id, fann {_type_name(value)}.")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ChooserInputError(f"{label} ska bara innehålla id (text), fann {_type_name(item)}.")
        if item in aliases:
            targets = aliases[item]
        elif item in allowed:
            targets = [item]
        else:
            raise ChooserInputError(f"{unknown} ”{_shown(item)}” i {INPUT_LABELS[key]}. Giltiga: {_ids_text(allowed) or 'inga'}.")
        out.extend(t for t in targets if t not in out)
    return out


def _number(data: dict, key: str, integer: bool, low: float, high: float) -> int | float | None:
    value = data.get(key)
    label = INPUT_LABELS[key][:1].upper() + INPUT_LABELS[key][1:]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ChooserInputError(f"{label} ska vara ett tal, fann {_type_name(value)}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ChooserInputError(f"{label} ska vara ett ändligt tal.")
    if value < 0:
        raise ChooserInputError(f"{label} får inte vara negativt, fann {num(value)}.")
    if integer and float(value) != int(value):
        raise ChooserInputError(f"{label} ska vara ett heltal, fann {num(value)}.")
    if value < low or value > high:
        raise ChooserInputError(f"{label} ska vara mellan {num(low)} och {num(high)}, fann {num(value)}.")
    if integer:
        return int(value)
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value
