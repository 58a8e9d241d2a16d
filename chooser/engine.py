"""The chooser engine: turns a situation into ranked, explained method advice.

Standard library only: the same code runs in CPython (tests, build, command line) and in
Pyodide in the browser. It reads the catalogue as a dict (the JSON export of data/), never
YAML, and its weights from weights.json beside this file. README.md explains the scoring.

    chooser = Chooser(catalogue)          # once: builds the indexes
    advice = chooser.advise({"level": "dialog", "purposes": ["fordjupa"]})
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from . import plan as _plan

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
)
ANY_FORMAT = "any"
MAX_PARTICIPANTS = 10_000_000
MAX_WEEKS = 1000


class ChooserInputError(ValueError):
    """Bad input: the message is one line of Swedish, fit to show a user."""


def load_weights() -> dict:
    """The weights and thresholds in weights.json (a path that also works in Pyodide)."""
    return json.loads(Path(__file__).with_name("weights.json").read_text(encoding="utf-8"))


# -- small text helpers ---------------------------------------------------------------------

_SORT = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03", "é": "e", "è": "e", "ü": "y"})


def name_key(name: str) -> str:
    """Sort key for Swedish names: å, ä, ö after z."""
    return name.casefold().translate(_SORT)


def lc(text: str) -> str:
    """Lower-case the first letter, unless the word is an acronym (PBL)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def num(value: float) -> str:
    """A number the Swedish way: 16, 0,5, 2,25."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def weeks_text(value: float) -> str:
    return f"{num(value)} vecka" if value == 1 else f"{num(value)} veckor"


def join(items: list[str]) -> str:
    """a, b och c; "barn och unga samt äldre" when a name has an "och" of its own."""
    if len(items) <= 1:
        return "".join(items)
    word = " samt " if any(" och " in item for item in items) else " och "
    return ", ".join(items[:-1]) + word + items[-1]


# -- the precomputed view of one method --------------------------------------------------------


class _Method:
    __slots__ = (
        "data", "id", "name", "key", "levels", "level_steps", "purposes", "groups", "outreach", "formats",
        "pmin", "pmax", "wmin", "wmax", "cost", "cost_rank", "dialogue_type", "placements", "named_by",
        "tips", "combines", "information_only",
    )

    def __init__(self, data: dict, level_index: dict[str, int], cost_ranks: dict[str, int]):
        self.data = data
        self.id = data["id"]
        self.name = data["name"]
        self.key = (name_key(data["name"]), data["id"])
        self.levels = list(data["levels"])
        self.level_steps = [level_index[lv] for lv in self.levels if lv in level_index]
        self.purposes = frozenset(data["purposes"])
        self.groups = frozenset(data["target_groups"])
        self.outreach = bool(data.get("outreach"))
        self.formats = frozenset(data["formats"])
        self.pmin = data["participants"]["min"]
        self.pmax = data["participants"].get("max")
        self.wmin = data["lead_time"]["min_weeks"]
        self.wmax = data["lead_time"].get("max_weeks")
        self.cost = data["cost"]["level"]
        self.cost_rank = cost_ranks.get(self.cost, 0)
        self.dialogue_type = data.get("dialogue_type", "medborgardialog")
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
        self.information_only = self.levels == ["information"]


# -- the chooser ------------------------------------------------------------------------------


class Chooser:
    """Advice over one catalogue. Build once (indexes), then call `advise` many times."""

    def __init__(self, catalogue: dict, weights: dict | None = None):
        self.catalogue = catalogue
        self.weights = weights or load_weights()
        w = self.weights
        self.criteria = [(c["id"], c["input"], float(c["weight"])) for c in w["criteria"]]

        ladder = catalogue["ladder"]["levels"]
        self.levels = [lv["id"] for lv in ladder]
        self.level_index = {lv["id"]: i for i, lv in enumerate(ladder)}
        self.level_by_id = {lv["id"]: lv for lv in ladder}

        vocab = catalogue["vocabularies"]
        self.purposes = {p["id"]: p for p in vocab["purposes"]["items"]}
        self.groups = {g["id"]: g for g in vocab["target-groups"]["items"]}
        self.groups.update({q["id"]: q for q in vocab["quadrants"]["items"]})
        self.low_activity = frozenset(gid for gid, g in self.groups.items() if g.get("low_activity"))
        # Formats a reader can ask for; one that reaches people whatever the form (print,
        # radio) is never asked for and never excludes a method.
        self.formats = {f["id"]: f for f in vocab["formats"]["items"] if not f.get("fits_any_format")}
        self.any_formats = frozenset(f["id"] for f in vocab["formats"]["items"] if f.get("fits_any_format"))
        self.costs = {c["id"]: c for c in vocab["cost-levels"]["items"]}
        self.cost_ranks = {c["id"]: c["rank"] for c in vocab["cost-levels"]["items"]}
        self.dialogue_types = {d["id"]: d for d in vocab["dialogue-types"]["items"]}
        self.roles = {r["id"]: r for r in vocab["roles"]["items"]}

        self.guidelines = {g["id"]: g for g in catalogue["guidelines"]}
        self.section_headings = {g["id"]: {s["id"]: s["heading"] for s in g.get("sections", [])} for g in catalogue["guidelines"]}
        # Group-size rules per organisation and method (e.g. Krokom: fokusgrupper 8–12).
        self.group_size_rules: dict[tuple[str, str], dict] = {}
        for g in catalogue["guidelines"]:
            for rule in g.get("facts", {}).get("rules", {}).get("items", []):
                if rule.get("kind") == "group-size" and rule.get("method"):
                    self.group_size_rules[(g["id"], rule["method"])] = rule
        # Which guidelines back "an information method first" (a rule, or information as a prerequisite).
        self.information_first: list[dict] = []
        for g in catalogue["guidelines"]:
            facts = g.get("facts", {})
            for rule in facts.get("rules", {}).get("items", []):
                if rule.get("kind") == "information-first":
                    self.information_first.append({"guideline": g["id"], "section": rule["section"], "text": rule["text"]})
            levels = facts.get("levels", {})
            if "information" in levels.get("prerequisite", []) and not any(s["guideline"] == g["id"] for s in self.information_first):
                text = f"{self._short_of(g)} räknar information som en förutsättning för stegen ovanför på delaktighetstrappan."
                self.information_first.append({"guideline": g["id"], "section": levels["section"], "text": text})

        self.methods = [_Method(m, self.level_index, self.cost_ranks) for m in catalogue["methods"]]
        self.method_by_id = {m.id: m for m in self.methods}

        tg = w["target_groups"]
        self.related = {g: frozenset(rs) for g, rs in tg["related_groups"].items()}
        self.aspects = w["accessibility"]["aspects"]
        self.purpose_types = w["dialogue_type"]["purpose_types"]

    # -- input ------------------------------------------------------------------------------

    def validate_input(self, data: Any) -> dict:
        """The normalised input, with defaults; raises ChooserInputError (one line, Swedish)."""
        return validate_input(data, self)

    # -- advice -----------------------------------------------------------------------------

    def advise(self, data: Any) -> dict:
        """Ranked, explained advice for one input (see README.md). JSON-serialisable."""
        inp = self.validate_input(data)
        not_md = not inp["influenceable"] or not inp["needs_views"]
        level = "information" if not_md else inp["level"]
        org = inp["organisation"]

        scored, excluded = [], []
        for m in self.methods:
            result = self._judge(m, inp, level)
            if result[0] == "excluded":
                excluded.append({"id": m.id, "name": m.name, "reason": "; ".join(result[1]), "reasons": result[1]})
            else:
                scored.append((m, result[1]))
        scored.sort(key=lambda pair: (-pair[1]["score"], pair[0].key))
        excluded.sort(key=lambda e: name_key(e["name"]))
        ranked = [entry for _, entry in scored]

        combination = self._combination(scored, inp, level)
        requirements = self._requirements(org, inp, level) if org else []
        notice = self._notices(inp, scored, org)
        advice = {
            "input": inp,
            "ranked": ranked,
            "excluded": excluded,
            "combination": combination,
            "requirements": requirements,
            "notice": notice,
        }
        advice["plan"] = _plan.render_plan(self, inp, advice)
        return advice

    def _judge(self, m: _Method, inp: dict, level: str | None) -> tuple[str, Any]:
        """('excluded', reasons) or ('ranked', entry) for one method."""
        w = self.weights
        out: list[str] = []
        fits: dict[str, float] = {}
        reasons: list[str] = []
        caveats: list[str] = []
        org = inp["organisation"]

        # -- hard limits first: they decide whether the method is ranked at all.
        weeks = inp["weeks"]
        if weeks is not None and m.wmin > weeks:
            out.append(f"tar minst {weeks_text(m.wmin)}, ni har {weeks_text(weeks)}")
        budget = inp["budget"]
        if budget is not None and m.cost_rank > self.cost_ranks[budget]:
            out.append(f"kostar mer ({lc(self.costs[m.cost]['name'])} kostnad) än budgeten ({lc(self.costs[budget]['name'])})")
        fmt = inp["format"]
        if fmt in ("fysiskt", "digitalt"):
            other = "digitalt" if fmt == "fysiskt" else "fysiskt"
            if fmt not in m.formats and "hybrid" not in m.formats:
                wanted = "en fysisk metod" if fmt == "fysiskt" else "en digital metod"
                out.append(f"finns bara {other}, ni vill ha {wanted}")
        n = inp["participants"]
        pmin, pmax = m.pmin, m.pmax
        size_rule = self.group_size_rules.get((org, m.id)) if org else None
        if size_rule:
            pmin = size_rule.get("min", pmin)
            pmax = size_rule.get("max", pmax)
        hard = w["participants"]["hard_factor"]
        if n is not None:
            if pmax is not None and n > pmax * hard:
                out.append(f"klarar högst {num(pmax)} deltagare, ni väntar {num(n)}")
            elif n * hard < pmin:
                out.append(f"behöver minst {num(pmin)} deltagare, ni väntar {num(n)}")
        if out:
            return "excluded", out

        # -- level
        if level is not None:
            step = self.level_index[level]
            lw = w["level"]
            lname = self.level_by_id[level]["name"]
            if m.levels and m.levels[0] == level:
                fit = lw["primary"]
                reasons.append(f"Passar nivån {lc(lname)} på delaktighetstrappan")
            elif level in m.levels:
                fit = lw["secondary"]
                reasons.append(f"Passar nivån {lc(lname)} på delaktighetstrappan (används oftast på nivån {lc(self.level_by_id[m.levels[0]]['name'])})")
            else:
                distance = min((abs(s - step) for s in m.level_steps), default=len(lw["by_distance"]) - 1)
                fit = lw["by_distance"][min(distance, len(lw["by_distance"]) - 1)]
                named = [gid for (gid, lv) in m.placements if lv == level]
                if named:
                    fit = max(fit, lw["named_by_guideline"])
                    who = join(sorted(self._short(gid) for gid in named))
                    reasons.append(f"{who} placerar metoden på nivån {lc(lname)}")
                else:
                    caveats.append(f"Passar bäst på nivån {lc(self.level_by_id[m.levels[0]]['name'])}, inte {lc(lname)}")
            fits["level"] = fit

        # -- purposes
        purposes = inp["purposes"]
        if purposes:
            matched = [p for p in purposes if p in m.purposes]
            missed = [p for p in purposes if p not in m.purposes]
            for p in matched:
                reasons.append(f"Passar syftet: {self.purposes[p]['name']}")
            if missed:
                word = "syftet" if len(missed) == 1 else "syftena"
                caveats.append(f"Passar inte {word}: {join([self.purposes[p]['name'] for p in missed])}")
            fits["purpose"] = len(matched) / len(purposes)

        # -- target groups
        groups = inp["target_groups"]
        if groups:
            tw = w["target_groups"]
            total = 0.0
            via_outreach, unreached, low_unreached = [], [], []
            open_to_all = tw["open_to_all_group"] in m.groups
            for g in groups:
                gname = lc(self.groups[g]["name"])
                if g in m.groups:
                    total += tw["listed"]
                    reasons.append(f"Når {gname}")
                    continue
                low = g in self.low_activity
                related = self.related.get(g, frozenset()) & m.groups
                options = []
                if related:
                    options.append((tw["related"], "related"))
                if low and m.outreach:
                    options.append((tw["outreach_low_activity"], "outreach"))
                if open_to_all:
                    options.append((tw["open_to_all"], "open"))
                best, how = max(options, default=(0.0, "none"))
                total += best
                if how == "related":
                    names = join(sorted(lc(self.groups[r]["name"]) for r in related))
                    reasons.append(f"Når delvis {gname} (metoden nämner {names})")
                elif how == "outreach":
                    via_outreach.append(gname)
                elif low:
                    low_unreached.append(gname)
                else:
                    unreached.append(gname)
            if via_outreach:
                reasons.append(f"Söker upp människor där de finns, och når så lättare {join(via_outreach)}")
            if low_unreached:
                caveats.append(f"Når sällan {join(low_unreached)} utan en uppsökande metod")
            if unreached:
                prefix = "Öppen för alla, men når inte särskilt " if open_to_all else "Når inte särskilt "
                caveats.append(prefix + join(unreached))
            fits["target_groups"] = total / len(groups)
            self._accessibility(m, groups, caveats)

        # -- participants
        if n is not None:
            log_hard = math.log2(hard)
            if n < pmin:
                fits["participants"] = max(0.0, 1 - math.log2(pmin / n) / log_hard)
                caveats.append(f"färre deltagare än metoden behöver (minst {num(pmin)})")
            elif pmax is not None and n > pmax:
                fits["participants"] = max(0.0, 1 - math.log2(n / pmax) / log_hard)
                caveats.append(f"större grupp än metoden brukar klara (högst {num(pmax)})")
            else:
                fits["participants"] = 1.0
                span = f"{num(pmin)}–{num(pmax)}" if pmax is not None else f"minst {num(pmin)}"
                reasons.append(f"Passar för {num(n)} deltagare (metoden: {span})")
        if size_rule:
            caveats.append(f"{self._short(org)}: {size_rule['text']}")

        # -- time
        if weeks is not None:
            top = m.wmax if m.wmax is not None else m.wmin
            span = f"{num(m.wmin)}–{weeks_text(m.wmax)}" if m.wmax is not None else f"minst {weeks_text(m.wmin)}, sedan löpande"
            if weeks >= top or top <= m.wmin:
                fits["time"] = 1.0
                reasons.append(f"Hinner ge resultat inom {weeks_text(weeks)} (brukar ta {span})")
            else:
                floor = w["time"]["tight_floor"]
                fits["time"] = floor + (1 - floor) * (weeks - m.wmin) / (top - m.wmin)
                caveats.append(f"Snäv tid: metoden brukar ta {span}, ni har {weeks_text(weeks)}")

        # -- budget
        if budget is not None:
            fits["budget"] = 1.0
            reasons.append(f"Ryms i budgeten ({lc(self.costs[m.cost]['name'])} kostnad)")

        # -- format
        if fmt != ANY_FORMAT:
            fw = w["format"]
            fname = lc(self.formats[fmt]["name"])
            if fmt in m.formats:
                fits["format"] = 1.0
                reasons.append(f"Kan genomföras {fname}" if fmt != "hybrid" else "Kan genomföras som hybrid, fysiskt och digitalt samtidigt")
            elif fmt != "hybrid":
                fits["format"] = fw["hybrid_only"]
                reasons.append(f"Görs som hybrid, med en del som är {fname}")
            elif "fysiskt" in m.formats and "digitalt" in m.formats:
                fits["format"] = fw["both_forms"]
                reasons.append("Kan göras både fysiskt och digitalt")
                caveats.append("Planera hur den fysiska och den digitala delen hänger ihop")
            else:
                only = lc(self.formats[next(iter(sorted(m.formats)))]["name"])
                fits["format"] = fw["one_form"]
                caveats.append(f"Finns bara {only}; en hybridvariant behöver planeras särskilt")

        # -- the organisation's own guideline
        if org:
            gw = w["guideline"]
            entries = m.named_by.get(org, [])
            fit = 0.0
            short = self._short(org)
            for entry_level, entry_name in entries:
                if level is None or entry_level == level:
                    fit = gw["at_level"]
                    where = f" på nivån {lc(self.level_by_id[entry_level]['name'])}" if entry_level else ""
                    reasons.append(f"{short} nämner metoden{where} (”{entry_name}”)")
                    break
            else:
                if entries:
                    fit = gw["other_level"]
                    entry_level, entry_name = entries[0]
                    where = f" på nivån {lc(self.level_by_id[entry_level]['name'])}" if entry_level else ""
                    reasons.append(f"{short} nämner metoden{where} (”{entry_name}”)")
            fits["guideline"] = fit

        # -- dialogue type: another kind of dialogue than medborgardialog
        penalty = 0.0
        if m.dialogue_type != "medborgardialog":
            wanted_types = {self.purpose_types.get(p) for p in purposes}
            dtype = self.dialogue_types.get(m.dialogue_type, {"name": m.dialogue_type})
            if m.dialogue_type in wanted_types:
                reasons.append(f"Hör till {lc(dtype['name'])}, som syftet gäller")
            else:
                penalty = w["dialogue_type"]["penalty"]
                caveats.append(f"Räknas oftast som {lc(dtype['name'])}, inte som medborgardialog")

        total_weight = sum(weight for cid, _, weight in self.criteria if cid in fits)
        if total_weight:
            raw = 100 * sum(weight * fits[cid] for cid, _, weight in self.criteria if cid in fits) / total_weight
        else:
            raw = w["neutral_score"]
        score = int(math.floor(min(100.0, max(0.0, raw - penalty)) + 0.5))
        entry = {
            "id": m.id,
            "name": m.name,
            "score": score,
            "reasons": reasons,
            "caveats": [c[:1].upper() + c[1:] for c in caveats],
            "fit": {cid: round(fits[cid], 2) for cid, _, _ in self.criteria if cid in fits},
            "summary": m.data["summary"],
            "levels": m.levels,
            "outreach": m.outreach,
        }
        return "ranked", entry

    def _accessibility(self, m: _Method, groups: list[str], caveats: list[str]) -> None:
        chosen = set(groups)
        for rule in self.aspects:
            hit = [g for g in rule["groups"] if g in chosen]
            if not hit:
                continue
            if "formats" in rule and not (m.formats & set(rule["formats"])):
                continue
            text = rule["caveat"].format(groups=join([lc(self.groups[g]["name"]) for g in hit]))
            tip = m.tips.get(rule["aspect"])
            caveats.append(f"{text}. Råd: {tip}" if tip else f"{text} (metoden har inget råd om det)")

    def _short(self, guideline_id: str) -> str:
        return self._short_of(self.guidelines.get(guideline_id, {"id": guideline_id}))

    @staticmethod
    def _short_of(g: dict) -> str:
        return g.get("short_name") or g.get("organisation") or g["id"]

    # -- combination ------------------------------------------------------------------------

    def _combination(self, scored: list[tuple[_Method, dict]], inp: dict, level: str | None) -> list[dict]:
        if not scored:
            return []
        bonus = self.weights["combination"]["combines_with_bonus"]
        main_level = level
        main = None
        for m, entry in scored:
            if level == "information" or not m.information_only:
                main = (m, entry)
                break
        if main is None:
            main = scored[0]
        mm, mentry = main
        if main_level is None:
            main_level = mm.levels[0]
        steps: list[dict] = []

        def paired(m: _Method) -> bool:
            return m.id in mm.combines or mm.id in m.combines

        used = {mm.id}
        if self.level_index.get(main_level, 0) > 0:
            candidates = [(m, e) for m, e in scored if "information" in m.levels and m.id not in used]
            if candidates:
                m, e = min(candidates, key=lambda pair: (-(pair[1]["score"] + (bonus if paired(pair[0]) else 0)), pair[0].key))
                used.add(m.id)
                org = inp["organisation"]
                sources = [s for s in self.information_first if s["guideline"] == org] or ([] if org else list(self.information_first))
                why = "Information kommer först: invånarna behöver veta vad frågan gäller och vad de kan påverka innan de kan delta."
                if sources:
                    why += " " + " ".join(s["text"] if s["text"].startswith(self._short(s["guideline"])) else f"{self._short(s['guideline'])}: {s['text']}" for s in sources)
                why += " " + self._why_method(e, paired(m), mm)
                steps.append(self._step("information", m, e, why, sources))

        if mentry["fit"]:
            why = f"Den metod som passar er situation bäst (poäng {mentry['score']})."
            top_reasons = mentry["reasons"][:3]
            if top_reasons:
                why += " " + ". ".join(top_reasons) + "."
        else:
            why = ("Ni har inte angett något som skiljer metoderna åt, så alla får samma poäng och ordningen följer namnen. "
                   "Välj nivå, syfte och målgrupper för ett råd som passar er.")
        steps.append(self._step("main", mm, mentry, why, []))

        low = [g for g in inp["target_groups"] if g in self.low_activity]
        if low:
            main_covers = mm.outreach and all(g in mm.groups for g in low)
            if main_covers:
                steps[-1]["why"] += f" Metoden söker själv upp {join([lc(self.groups[g]['name']) for g in low])} där de finns."
            else:
                candidates = [(m, e) for m, e in scored if m.outreach and m.id not in used]
                if candidates:
                    def outreach_key(pair):
                        m, e = pair
                        covered = sum(1 for g in low if g in m.groups)
                        return (-covered, -(e["score"] + (bonus if paired(m) else 0)), m.key)

                    m, e = min(candidates, key=outreach_key)
                    names = [lc(self.groups[g]["name"]) for g in low]
                    reached = [lc(self.groups[g]["name"]) for g in low if g in m.groups]
                    why = f"Era målgrupper har grupper som sällan deltar ({join(names)}). {m.name} söker upp människor där de redan finns"
                    why += f" och passar särskilt för {join(reached)}." if reached else "."
                    if paired(m):
                        why += f" Den brukar kombineras med {mm.name}."
                    steps.append(self._step("outreach", m, e, why, []))
        for number, step in enumerate(steps, 1):
            step["step"] = number
        return steps

    def _why_method(self, entry: dict, paired: bool, main: _Method) -> str:
        parts = [r for r in entry["reasons"] if r.startswith("Når ")][:2]
        text = f"{entry['name']}: " + (". ".join(parts) + "." if parts else "en informationsmetod som ryms i era ramar.")
        if paired:
            text += f" Den brukar kombineras med {main.name}."
        return text

    @staticmethod
    def _step(role: str, m: _Method, entry: dict, why: str, sources: list[dict]) -> dict:
        return {"step": 0, "role": role, "id": m.id, "name": m.name, "score": entry["score"], "why": why, "sources": sources}

    # -- requirements -----------------------------------------------------------------------

    def _requirements(self, org: str, inp: dict, level: str | None) -> list[dict]:
        g = self.guidelines[org]
        facts = g.get("facts", {})
        short = self._short(org)
        items: list[dict] = []

        def add(kind: str, title: str, text: str, section: str, **extra: Any) -> None:
            item = {"kind": kind, "title": title, "text": text, "guideline": org, "section": section,
                    "section_heading": self.section_headings[org].get(section, section)}
            item.update(extra)
            items.append(item)

        if "decision" in facts:
            f = facts["decision"]
            formal = {True: " Ett formellt beslut krävs.", False: " Inget formellt beslut krävs."}.get(f.get("formal_decision"), "")
            add("decision", "Vem beslutar", f"{f['decided_by']}.{formal} {f['summary']}".strip(), f["section"],
                decided_by=f["decided_by"], formal_decision=f.get("formal_decision"))
        if "levels" in facts:
            f = facts["levels"]
            if level is not None:
                lname = lc(self.level_by_id[level]["name"])
                counted = level in f.get("counted", [])
                verdict = f"Nivån {lname} räknas som medborgardialog hos {short}." if counted else f"Nivån {lname} räknas inte som medborgardialog hos {short}."
                add("levels", "Nivåer som räknas", f"{verdict} {f['summary']}", f["section"], counted=counted, level=level)
            else:
                add("levels", "Nivåer som räknas", f["summary"], f["section"])
        if "plan" in facts:
            f = facts["plan"]
            extra = {"items": list(f["items"])} if f.get("items") else {}
            add("plan", "Vad planen ska innehålla", f["summary"], f["section"], **extra)
        if "target_group_analysis" in facts:
            f = facts["target_group_analysis"]
            add("target_group_analysis", "Målgruppsanalys", f["summary"], f["section"])
        for rule in facts.get("rules", {}).get("items", []):
            extra = {k: rule[k] for k in ("method", "min", "max", "share") if k in rule}
            add("rule", "Regel", rule["text"], rule["section"], rule=rule["kind"], **extra)
        if "feedback" in facts:
            f = facts["feedback"]
            add("feedback", "Återkoppling", f["summary"], f["section"])
        if "evaluation" in facts:
            f = facts["evaluation"]
            add("evaluation", "Utvärdering", f["summary"], f["section"])
        return items

    # -- notices ----------------------------------------------------------------------------

    def _notices(self, inp: dict, scored: list[tuple[_Method, dict]], org: str | None) -> list[dict]:
        notices: list[dict] = []
        not_md = not inp["influenceable"] or not inp["needs_views"]
        if not_md:
            why = []
            if not inp["influenceable"]:
                why.append("frågan inte längre går att påverka")
            if not inp["needs_views"]:
                why.append("de förtroendevalda inte behöver veta invånarnas värderingar och prioriteringar i frågan")
            info = [m for m, _ in scored if "information" in m.levels][:3]
            text = (f"Det här är inte en medborgardialog, eftersom {join(why)}. Berätta i stället tydligt vad som ska hända, "
                    "när och varför, med en informationsmetod.")
            if info:
                text += f" Till exempel: {join([m.name for m in info])}. Listan visar därför informationsmetoder först."
            notices.append({"kind": "not-medborgardialog", "text": text, "methods": [m.id for m in info]})
        excluded_types = set(self.guidelines[org].get("facts", {}).get("not_medborgardialog", {}).get("dialogue_types", [])) if org else set()
        seen = set()
        for p in inp["purposes"]:
            dtype_id = self.purpose_types.get(p)
            if not dtype_id or dtype_id in seen or dtype_id not in self.dialogue_types:
                continue
            seen.add(dtype_id)
            dtype = self.dialogue_types[dtype_id]
            text = f"Syftet ”{self.purposes[p]['name']}” gör detta till {lc(dtype['name'])}, inte medborgardialog. {dtype['description']}"
            extra = {}
            if dtype_id in excluded_types:
                f = self.guidelines[org]["facts"]["not_medborgardialog"]
                text += f" {self._short(org)}s riktlinje för medborgardialog gäller inte {lc(dtype['name'])}."
                extra = {"guideline": org, "section": f["section"]}
            kind = {"brukardialog": "brukardialog", "samrad": "samrad"}.get(dtype_id, dtype_id)
            methods = [m.id for m, _ in scored if m.dialogue_type == dtype_id][:3]
            notices.append({"kind": kind, "text": text, "methods": methods, **extra})
        return notices


# -- input validation -------------------------------------------------------------------------


def _ids_text(ids: list[str]) -> str:
    return ", ".join(ids[:12]) + (" …" if len(ids) > 12 else "")


def validate_input(data: Any, catalogue: Any) -> dict:
    """Check and normalise an input dict against the catalogue (a dict or a Chooser).

    Missing keys get defaults; raises ChooserInputError with one line of Swedish."""
    ch = catalogue if isinstance(catalogue, Chooser) else Chooser(catalogue)
    if not isinstance(data, dict):
        raise ChooserInputError(f"Indata ska vara ett JSON-objekt med nycklarna {', '.join(INPUT_KEYS)}, fann {_type_name(data)}.")
    for key in data:
        if key not in INPUT_KEYS:
            raise ChooserInputError(f"Okänd nyckel ”{str(key)[:40]}”. Giltiga nycklar: {', '.join(INPUT_KEYS)}.")
    out: dict[str, Any] = {}
    for key in ("influenceable", "needs_views"):
        value = data.get(key)
        if value is None:
            value = True
        if not isinstance(value, bool):
            raise ChooserInputError(f"{key} ska vara true eller false, fann {_type_name(value)}.")
        out[key] = value
    out["level"] = _one_id(data, "level", ch.levels, "nivå på delaktighetstrappan")
    out["purposes"] = _id_list(data, "purposes", list(ch.purposes), "syfte")
    out["target_groups"] = _id_list(data, "target_groups", list(ch.groups), "målgrupp")
    out["participants"] = _number(data, "participants", integer=True, low=1, high=MAX_PARTICIPANTS)
    out["weeks"] = _number(data, "weeks", integer=False, low=0, high=MAX_WEEKS)
    out["budget"] = _one_id(data, "budget", list(ch.costs), "kostnadsnivå")
    fmt = data.get("format")
    out["format"] = ANY_FORMAT if fmt is None else _one_id(data, "format", [*ch.formats, ANY_FORMAT], "form")
    out["organisation"] = _one_id(data, "organisation", list(ch.guidelines), "organisation (riktlinje)")
    return out


def _type_name(value: Any) -> str:
    return {bool: "ett sant/falskt-värde", int: "ett tal", float: "ett tal", str: "en text", list: "en lista",
            dict: "ett objekt", type(None): "null"}.get(type(value), type(value).__name__)


def _one_id(data: dict, key: str, allowed: list[str], what: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ChooserInputError(f"{key} ska vara ett id (text), fann {_type_name(value)}.")
    if value not in allowed:
        raise ChooserInputError(f"Okänd {what} ”{value[:40]}” i {key}. Giltiga: {_ids_text(allowed)}.")
    return value


def _id_list(data: dict, key: str, allowed: list[str], what: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        raise ChooserInputError(f"{key} ska vara en lista med id, fann en text (skriv [\"{value[:40]}\"]).")
    if not isinstance(value, list):
        raise ChooserInputError(f"{key} ska vara en lista med id, fann {_type_name(value)}.")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ChooserInputError(f"{key} ska bara innehålla id (text), fann {_type_name(item)}.")
        if item not in allowed:
            raise ChooserInputError(f"Okänt {what} ”{item[:40]}” i {key}. Giltiga: {_ids_text(allowed)}.")
        if item not in out:
            out.append(item)
    return out


def _number(data: dict, key: str, integer: bool, low: float, high: float) -> int | float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ChooserInputError(f"{key} ska vara ett tal, fann {_type_name(value)}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ChooserInputError(f"{key} ska vara ett ändligt tal.")
    if value < 0:
        raise ChooserInputError(f"{key} får inte vara negativt, fann {num(value)}.")
    if integer and float(value) != int(value):
        raise ChooserInputError(f"{key} ska vara ett heltal, fann {num(value)}.")
    if value < low or value > high:
        raise ChooserInputError(f"{key} ska vara mellan {num(low)} och {num(high)}, fann {num(value)}.")
    if integer:
        return int(value)
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value
