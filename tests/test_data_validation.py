"""The loader: each broken edit of data/ is reported exactly (file, line, field, message, and
nothing else); the real data loads, and always to the same catalogue."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.loader import catalogue as catalogue_module
from macros.loader.catalogue import load_catalogue
from macros.loader.problems import DataError

ROOT = Path(__file__).resolve().parent.parent


def _line_of(rel: str, text: str) -> int:
    """The first line of data/<rel> that contains `text`."""
    return next(n for n, row in enumerate((ROOT / "data" / rel).read_text(encoding="utf-8").split("\n"), 1) if text in row)


# Each case is a small patch of a copy of data/ — (file, regular expression, replacement),
# applied once — and files to remove, with the exact problems the loader must report and
# nothing else: (file, line, field, message). Line "@" is the line where the patch starts, so
# a case keeps working when the file is edited elsewhere.
CASES = [
    ('yaml-syntax', [('methods/fokusgrupp.yaml', '(?m)^aliases:', 'summary: Ett samtal: i liten grupp: bla\n  - trasig\naliases:')], [], [('methods/fokusgrupp.yaml', '@', '', "väntade giltig YAML, fann ett syntaxfel: ett kolon (:) står på fel ställe; sätt texten inom citattecken om den innehåller ': '")]),
    ('duplicate-key', [('methods/fokusgrupp.yaml', '(?m)^kind:', 'name: Fokusgrupper\nkind:')], [], [('methods/fokusgrupp.yaml', '@', 'name', 'väntade varje nyckel en gång, fann ”name” en gång till (första gången på rad 3); YAML skulle tyst behålla bara den sista')]),
    ('missing-required', [('methods/fokusgrupp.yaml', '(?m)^summary: .*\\n', '')], [], [('methods/fokusgrupp.yaml', 2, '', 'väntade fältet summary (Kort beskrivning), fann att det saknas')]),
    ('wrong-type', [('methods/fokusgrupp.yaml', '(?m)^  min: \\d+$', '  min: sex')], [], [('methods/fokusgrupp.yaml', '@', 'participants.min', 'väntade ett heltal, fann texten ”sex”')]),
    ('misspelt-key', [('methods/fokusgrupp.yaml', '(?m)^purposes:', 'purpose:')], [], [('methods/fokusgrupp.yaml', 2, '', 'väntade fältet purposes (Syften), fann att det saknas'), ('methods/fokusgrupp.yaml', '@', 'purpose', 'väntade bara kända fält (id, name, aliases, summary, kind, description, levels, purposes, target_groups, outreach, formats, participants, session_length, lead_time, cost, facilitation, staff, strengths, weaknesses, use_when, avoid_when, accessibility, combines_with, dialogue_type, guidelines, origin, sources, standing_structure, examples), fann okänt fält ”purpose” (menade du ”purposes”?)')]),
    ('enum', [('methods/fokusgrupp.yaml', '(?m)^(facilitation:\\n  level:) \\w+', '\\1 mycket')], [], [('methods/fokusgrupp.yaml', 55, 'facilitation.level', 'väntade ett av lag, medel, hog, fann texten ”mycket”')]),
    ('unknown-purpose', [('methods/fokusgrupp.yaml', '(?m)^purposes: \\[kartlagga-behov', 'purposes: [kartlagga-behv')], [], [('methods/fokusgrupp.yaml', '@', 'purposes[0]', 'väntade ett id ur syftena i purposes.yaml (informera, samla-synpunkter, vaga-alternativ, kartlagga-behov, fordjupa, utveckla-ideer, hantera-konflikt, prioritera, samskapa, ge-rekommendation, fysisk-miljo, trygghet …), fann ”kartlagga-behv” (menade du ”kartlagga-behov”?)')]),
    ('unknown-level', [('methods/fokusgrupp.yaml', '(?m)^levels: \\[konsultation', 'levels: [konsultaton')], [], [('methods/fokusgrupp.yaml', '@', 'levels[0]', 'väntade ett id ur trappans nivåer (information, konsultation, dialog, inflytande, medbeslutande), fann ”konsultaton” (menade du ”konsultation”?)')]),
    ('duplicate-id-in-file', [('vocabularies/formats.yaml', '(?m)^  - id: hybrid$', '  - id: digitalt\n    name: Digitalt igen\n    description: En dubblett.\n  - id: hybrid')], [], [('vocabularies/formats.yaml', '@', 'items[2].id', f"väntade ett unikt id för ordlistan formats, fann ”digitalt” som redan används i data/vocabularies/formats.yaml:{_line_of('vocabularies/formats.yaml', '- id: digitalt')}")]),
    ('unresolved-method-ref', [('methods/fokusgrupp.yaml', '(?m)^combines_with: \\[', 'combines_with: [finns-inte, ')], [], [('methods/fokusgrupp.yaml', '@', 'combines_with[0]', 'väntade ett id ur de andra metoderna i data/methods/ (barnkartor-gis, brev-och-affischer, brukarundersokning, charrette, community-researchers, delegering, deliberativ-opinionsmatning, dialogcafe, dialogpaus, dialogpromenad, digital-karta, digital-opinionskartlaggning …), fann ”finns-inte”')]),
    ('ladder-unknown-method', [('ladder.yaml', '(?m)^    example_methods: \\[', '    example_methods: [okand-metod, ')], [], [('ladder.yaml', '@', 'levels[0].example_methods[0]', 'väntade ett id ur metoderna i data/methods/ (barnkartor-gis, brev-och-affischer, brukarundersokning, charrette, community-researchers, delegering, deliberativ-opinionsmatning, dialogcafe, dialogpaus, dialogpromenad, digital-karta, digital-opinionskartlaggning …), fann ”okand-metod”')]),
    ('guideline-section-ref', [('guidelines/alingsas.yaml', '(?m)^    section: vad-ar-medborgardialog$', '    section: vad-ar-medborgardialogen')], [], [('guidelines/alingsas.yaml', '@', 'facts.definition.section', 'väntade ett id ur avsnitten i filen (inledning, vad-ar-medborgardialog, vem-ar-medborgare, vad-ar-inte-medborgardialog, hur-genomfors-en-medborgardialog, vem-gor-vad, definiera-amnesomradet, definiera-malgruppen, bestam-graden-av-inflytande, ansvar-for-beslut, utvardering, aterkoppling-till-medborgarna …), fann ”vad-ar-medborgardialogen” (menade du ”vad-ar-medborgardialog”?)')]),
    ('guideline-role-ref', [('guidelines/alingsas.yaml', '(?m)^        roles: \\[', '        roles: [politiker, ')], [], [('guidelines/alingsas.yaml', '@', 'facts.process.steps[0].roles[0]', 'väntade ett id ur rollerna i roles.yaml (fortroendevalda, presidium, namnd, politisk-processledare, styrgrupp, tjanstepersoner, handlaggare, forvaltningsledning, kommunikationsavdelning, medborgare, gemensamt), fann ”politiker”')]),
    ('not-nfc', [('methods/fokusgrupp.yaml', '(?m)^name: Fokusgrupp$', 'name: Fokusgrupp för äldre')], [], [('methods/fokusgrupp.yaml', '@', 'name', 'väntade text i Unicode NFC (å, ä, ö som ett tecken), fann tecken sammansatta av bokstav och prickar/ring nära ”grupp för äldre”; skriv om tecknet eller spara om filen')]),
    ('yaml11-no', [('methods/fokusgrupp.yaml', '(?m)^outreach: false$', 'outreach: no')], [], [('methods/fokusgrupp.yaml', '@', 'outreach', 'väntade true, false eller text inom citattecken, fann ”no” som YAML läser som falskt (false); skriv true/false, eller ”no” inom citattecken om du menar texten')]),
    ('yaml11-octal', [('methods/fokusgrupp.yaml', '(?m)^  min: \\d+$', '  min: 010')], [], [('methods/fokusgrupp.yaml', '@', 'participants.min', 'väntade ett vanligt tal eller text inom citattecken, fann 010 som YAML läser som talet 8; skriv talet utan inledande nolla (eller utan _ och :), eller sätt citattecken om det är text')]),
    ('date-for-text', [('methods/fokusgrupp.yaml', '(?m)^name: Fokusgrupp$', 'name: 2023-11-06')], [], [('methods/fokusgrupp.yaml', '@', 'name', 'väntade text, fann 2023-11-06 som YAML läser som ett datum; sätt citattecken runt värdet')]),
    ('empty-file', [('methods/fokusgrupp.yaml', '(?s).*', '')], [], [('methods/fokusgrupp.yaml', '@', '', 'väntade innehåll, fann en tom fil')]),
    ('no-schema-line', [('methods/fokusgrupp.yaml', '^# yaml-language-server.*\\n', '')], [], [('methods/fokusgrupp.yaml', '@', '', 'väntade första raden ”# yaml-language-server: $schema=…method.schema.json” (ger hjälp i editorn), fann ”id: fokusgrupp”')]),
    ('object-expected', [('methods/fokusgrupp.yaml', '(?m)^participants:\\n(  .*\\n)+', 'participants: 8–12 per grupp\n')], [], [('methods/fokusgrupp.yaml', '@', 'participants', 'väntade en mappning med fält, fann texten ”8–12 per grupp”')]),
    ('description-too-short', [('methods/fokusgrupp.yaml', '(?ms)^description: \\|-\\n.*?(?=^\\S)', 'description: |-\n  En fokusgrupp är ett samtal i en liten grupp.\n')], [], [('methods/fokusgrupp.yaml', '@', 'description', 'väntade minst 200 tecken, fann 45')]),
    ('min-above-max', [('methods/fokusgrupp.yaml', '(?m)^  min: \\d+\\n  max: \\d+$', '  min: 12\n  max: 6')], [], [('methods/fokusgrupp.yaml', 35, 'participants.max', 'väntade max minst lika stort som min (12), fann 6')]),
    ('tab-indent', [('methods/fokusgrupp.yaml', '(?m)^(cost:\\n)  level:', '\\1\tlevel:')], [], [('methods/fokusgrupp.yaml', 51, '', 'väntade giltig YAML, fann ett syntaxfel: tabbtecken får inte användas för indrag; använd mellanslag')]),
    ('unknown-source', [('methods/fokusgrupp.yaml', '(?m)^(participants:\\n(?:  .*\\n)*?)  source: \\w+', '\\1  source: krokm')], [], [('methods/fokusgrupp.yaml', 39, 'participants.source', 'väntade ett id ur källorna i fältet sources (krokom, dialogguiden, vitexo, cipast), fann ”krokm” (menade du ”krokom”?)')]),
    ('several-files', [('methods/fokusgrupp.yaml', '(?m)^levels: \\[konsultation', 'levels: [konsultaton'), ('methods/fokusgrupp.yaml', '(?m)^outreach: false$', 'outreach: yes'), ('vocabularies/formats.yaml', '(?m)^vocabulary: formats$', 'vocabulary: format')], [], [('methods/fokusgrupp.yaml', '@', 'levels[0]', 'väntade ett id ur trappans nivåer (information, konsultation, dialog, inflytande, medbeslutande), fann ”konsultaton” (menade du ”konsultation”?)'), ('methods/fokusgrupp.yaml', 31, 'outreach', 'väntade true, false eller text inom citattecken, fann ”yes” som YAML läser som sant (true); skriv true/false, eller ”yes” inom citattecken om du menar texten'), ('vocabularies/formats.yaml', '@', 'vocabulary', 'väntade samma namn som filnamnet (”formats”), fann ”format”')]),
    ('cost-rank-twice', [('vocabularies/cost-levels.yaml', '(?m)^    rank: 2$', '    rank: 1')], [], [('vocabularies/cost-levels.yaml', '@', 'items[1].rank', 'väntade en egen rank för varje ord i kostnadsnivåerna, fann 1 som ”lag” redan har')]),
    # A removed vocabulary is reported once, where the schema first names it (x-vocabulary).
    ('missing-vocabulary', [], ['vocabularies/roles.yaml'], [('schemas/guideline.schema.json', _line_of('schemas/guideline.schema.json', '"x-vocabulary": "roles"'), 'properties.facts.properties.initiative.properties.initiators.items.x-vocabulary', 'väntade namnet på en ordlista i data/vocabularies/ (cost-levels, dialogue-types, formats, purposes, quadrants, target-groups) eller en av ladder, methods, guidelines, fann ”roles”, som inte har någon fil')]),
]



def apply_case(patches: list, removals: list, data_dir: Path) -> dict[str, int]:
    """Apply one case to `data_dir`; returns the line where each patched file was changed."""
    marks: dict[str, int] = {}
    for rel, pattern, replacement in patches:
        path = data_dir / rel
        text = path.read_text(encoding="utf-8")
        found = re.search(pattern, text)
        assert found, f"the case no longer matches {rel}: {pattern}"
        marks.setdefault(rel, text.count("\n", 0, found.start()) + 1)
        path.write_text(re.sub(pattern, replacement, text, count=1), encoding="utf-8")
    for rel in removals:
        (data_dir / rel).unlink()
    return marks


@pytest.mark.parametrize(("case", "patches", "removals", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_data_is_reported_exactly(case, patches, removals, expected, data_copy: Path):
    marks = apply_case(patches, removals, data_copy)
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy, data_copy.parent)
    found = [(p.path, p.line, p.field, p.message) for p in raised.value.problems]
    wanted = [("data/" + rel, marks[rel] if line == "@" else line, field, message) for rel, line, field, message in expected]
    assert found == wanted
    for problem in raised.value.problems:
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


def test_a_file_not_saved_as_utf8_is_reported_at_its_first_bad_byte(data_copy: Path):
    path = data_copy / "methods" / "fokusgrupp.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("name: Fokusgrupp", "name: Fokusgrupp för äldre").encode("latin-1", errors="replace"))
    with pytest.raises(DataError) as raised:
        load_catalogue(data_copy, data_copy.parent)
    (problem,) = raised.value.problems
    line = text.split("\n").index("name: Fokusgrupp") + 1
    assert (problem.path, problem.line, problem.column) == ("data/methods/fokusgrupp.yaml", line, len("name: Fokusgrupp f") + 1)
    assert problem.message.startswith("väntade text sparad som UTF-8, fann byten 0xF6")


def test_real_data_loads_to_the_same_catalogue_every_time():
    first = load_catalogue(ROOT / "data")
    catalogue_module._cache.clear()
    second = load_catalogue(ROOT / "data")
    assert first is not second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    # …and in a fresh interpreter (no shared state, other hash seed).
    code = "import json,sys;from pathlib import Path;from macros.loader.catalogue import load_catalogue;print(json.dumps(load_catalogue(Path('data')),sort_keys=True))"
    env = dict(os.environ, PYTHONHASHSEED="123")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == json.dumps(first, sort_keys=True)


def test_check_command_reports_all_problems_and_exits_non_zero(data_copy: Path):
    case = next(c for c in CASES if c[0] == "several-files")
    apply_case(case[1], case[2], data_copy)
    result = subprocess.run([sys.executable, "-m", "macros.loader", str(data_copy)], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, GITHUB_ACTIONS="true"))
    assert result.returncode == 1
    assert "konsultaton" in result.stderr and "sant (true)" in result.stderr and "formats.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error file=")]
    assert len(annotations) >= 3
    assert any(",line=" in a and ",col=" in a for a in annotations)


def test_check_command_passes_on_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.loader"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Data i ordning" in result.stdout
