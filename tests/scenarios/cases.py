"""Realistic Swedish cases and what an experienced democracy strategist expects of the advice.

Each case cites where the expectation comes from: a section of one of the five guidelines
(Alingsås 2023, Krokom 2021, Region Värmland 2019, Solna 2024, Uppsala) or a practice named
in SKR's Dialogguiden and the methods' own texts. The expectations say what an expert would
sign, not what the engine happens to score; a case the engine cannot meet without breaking
another is marked `known_limit` with the reason, never deleted.

Keys of a case (all but id, title, source and input optional):
- top3: methods that must all be among the first three ranked
- top3_any: groups of methods; at least one method of each group must be in the first three
  (ids not in the catalogue are skipped, so a group may name a method that is being added)
- not_top5: methods that must not be among the first five
- not_excluded: methods that must not be ruled out
- not_good: methods that must not be in the tier "passar väl"
- tier: {method: tier} that must hold
- main_any / main_not: the combination's main method must (not) be one of these
- main_kind: the kind (`metod`/`kanal`) the main method must have
- info_only: every step of the combination is an information method
- info_step_any: the information step is one of these
- outreach: the combination has a step (or main method) that seeks people out
- notices / no_notices: notice kinds that must (not) appear
- notice_text: texts that must appear in some notice
- rules / no_rules: requirement rule kinds (guideline rules) that must (not) be shown
- sessions: {method: least number of sessions} for repeatable methods
- before: pairs (a, b): a must rank above b
- none_good: no method is in "passar väl" and a notice says what to relax
- or_none_good: top3_any may instead be met by a notice that nothing fits well and that names
  a method of the group as what a relaxed limit would bring back
"""

from __future__ import annotations

INFO_METHODS = ["webbplats", "kommunens-tidning", "informationsmote", "digitalt-stormote", "pressmeddelande",
                "lokalradio", "sociala-medier", "brev-och-affischer", "trycksaker", "digitala-brev", "sms-tjanst",
                "skolplattform"]
DELIBERATIVE = ["medborgarjury", "medborgarforsamling", "konsensuskonferens", "planeringscell",
                "deliberativ-opinionsmatning", "kort-medborgarrad", "permanent-medborgarrad"]

CASES: list[dict] = [
    # -- every ladder level --------------------------------------------------------------
    {
        "id": "information-decided-fee",
        "title": "Ny renhållningstaxa är redan beslutad; invånarna ska få veta vad som gäller",
        "source": "Solna (2024), Överväganden inför medborgardialog: två frågor som båda ska besvaras med ja; "
                  "Alingsås (2023), Bestäm graden av inflytande: information när man valt att inte ha en medborgardialog",
        "input": {"influenceable": False, "purposes": ["informera"], "target_groups": ["alla"]},
        "notices": ["not-medborgardialog"],
        "main_any": INFO_METHODS,
        "info_only": True,
        "not_top5": ["konsensuskonferens", "medborgarjury", "medborgarforsamling", "fokusgrupp"],
    },
    {
        "id": "information-only-purpose",
        "title": "Berätta för alla invånare om en ny översiktsplan som ska tas fram",
        "source": "Alingsås (2023), tabellen Grad av delaktighet, Information: tidning, webb, trycksaker, informationsmöte",
        "input": {"level": "information", "purposes": ["informera"], "target_groups": ["alla"]},
        "main_any": INFO_METHODS,
        "info_only": True,
        "top3_any": [["webbplats", "kommunens-tidning", "informationsmote"]],
        "not_top5": ["konsensuskonferens", "medborgarjury", "enkat"],
    },
    {
        "id": "consultation-library-alternatives",
        "title": "Tre förslag till nytt bibliotek: vad tycker kommunens invånare?",
        "source": "Krokom (2021), Enkäter: för att få en hint om vad en större folkmassa tycker; "
                  "Alingsås (2023), Grad av delaktighet, Konsultation: enkäter",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter", "vaga-alternativ"], "target_groups": ["alla"],
                  "participants": 1000, "weeks": 10, "budget": "medel"},
        "top3": ["enkat"],
        "not_excluded": ["enkat"],
        "not_top5": ["samradsmote-pbl", "brukarundersokning", "konsensuskonferens", "fokusgrupp"],
    },
    {
        "id": "dialog-culture-plan-alingsas",
        "title": "Ny kulturplan: samtal med föreningar och invånare om vad som är viktigt",
        "source": "Alingsås (2023), Grad av delaktighet, Dialog: open space, dialogcaféer, webbforum, medborgarstämma",
        "input": {"level": "dialog", "purposes": ["fordjupa", "utveckla-ideer"], "target_groups": ["civilsamhallet", "alla"],
                  "participants": 80, "weeks": 12, "budget": "medel", "organisation": "alingsas"},
        "top3_any": [["dialogcafe", "open-space"]],
        "not_top5": ["samradsmote-pbl", "brukarundersokning", "webbplats", "kommunens-tidning", "rad"],
    },
    {
        "id": "inflytande-village-future",
        "title": "Bygdens framtid: invånarna i en ort tar fram förslag tillsammans med politiker",
        "source": "Alingsås (2023), Grad av delaktighet, Inflytande: framtidsverkstad, gemensamma projekt",
        "input": {"level": "inflytande", "purposes": ["utveckla-ideer", "samskapa"], "target_groups": ["geografiskt-omrade"],
                  "participants": 30, "weeks": 16},
        "top3": ["framtidsverkstad"],
        "not_top5": ["webbplats", "enkat", "samradsmote-pbl"],
    },
    {
        "id": "medbeslutande-area-budget",
        "title": "Områdesbudget: invånarna i en stadsdel bestämmer hur en del av budgeten används",
        "source": "Alingsås (2023), Grad av delaktighet, Medbeslutande: medborgarbudget; Krokom (2021), Medborgarbudget (SKR:s modell)",
        "input": {"level": "medbeslutande", "purposes": ["prioritera"], "target_groups": ["geografiskt-omrade"],
                  "weeks": 30, "budget": "medel", "organisation": "alingsas"},
        "top3": ["medborgarbudget"],
        "not_excluded": ["medborgarbudget"],
    },
    {
        "id": "medbeslutande-youth-budget-12-weeks",
        "title": "Ungdomsbudget för fritidsgården, beslut före sommaren (12 veckor)",
        "source": "SKR:s modell för medborgarbudget; ett områdes- eller ungdomsbudget tar 8–16 veckor (issue 11)",
        "input": {"level": "medbeslutande", "purposes": ["prioritera"], "target_groups": ["ungdomar"],
                  "participants": 150, "weeks": 12, "budget": "medel"},
        "top3": ["medborgarbudget"],
        "not_excluded": ["medborgarbudget"],
        "notices": ["children"],
    },
    # -- Krokom's method table, one level at a time -----------------------------------------
    {
        "id": "krokom-information",
        "title": "Krokom: informera om nya öppettider i kommunens servicecenter",
        "source": "Krokom (2021), 5 Metoder, Metoder vid delaktighetsnivå information",
        "input": {"level": "information", "purposes": ["informera"], "target_groups": ["alla"], "organisation": "krokom"},
        "main_any": INFO_METHODS,
        "info_only": True,
        "top3_any": [["webbplats", "kommunens-tidning", "informationsmote", "digitalt-stormote", "pressmeddelande"]],
        "notices": ["level-not-counted"],
        "no_rules": ["question-time", "group-size"],
    },
    {
        "id": "krokom-konsultation",
        "title": "Krokom: vad tycker invånarna om förslaget till ny renhållningsordning?",
        "source": "Krokom (2021), Metoder vid delaktighetsnivå konsultation (en av informationsmetoderna + fokusgrupper, "
                  "intervjuer, enkäter …); Medborgardialog: steg 3–5 räknas som medborgardialog",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["alla"], "organisation": "krokom"},
        "top3_any": [["enkat", "fokusgrupp", "intervjuer"]],
        "not_top5": ["samradsmote-pbl", "brukarundersokning"],
        "notices": ["level-not-counted"],
        "info_step_any": INFO_METHODS,
    },
    {
        "id": "krokom-dialog-area-meeting",
        "title": "Krokom: återkommande möten mellan politiker och invånare i en bygd",
        "source": "Krokom (2021), Öppna områdesmöten/medborgarstämma; 7 Agenda: minst en tredjedel av mötestiden",
        "input": {"level": "dialog", "purposes": ["samla-synpunkter", "lopande-inflytande"],
                  "target_groups": ["geografiskt-omrade"], "organisation": "krokom"},
        "top3": ["omradesmote"],
        "rules": ["question-time"],
        "no_rules": ["group-size"],
    },
    {
        "id": "krokom-inflytande-lighthouses",
        "title": "Krokom: inflytande för människor utanför arbetsmarknaden och i psykisk ohälsa",
        "source": "Krokom (2021), Metoder vid delaktighetsnivå inflytande, Sociala fyrton",
        "input": {"level": "inflytande", "purposes": ["na-underrepresenterade"],
                  "target_groups": ["utanfor-arbetsmarknaden", "psykisk-ohalsa"], "organisation": "krokom"},
        "top3": ["sociala-fyrtorn"],
    },
    {
        "id": "krokom-medbeslutande-council",
        "title": "Krokom: tillgänglighetsfrågor lämnas till ett råd med personer med funktionsnedsättning",
        "source": "Krokom (2021), Metoder vid delaktighetsnivå medbeslutande, Delegering (tillgänglighetsrådet)",
        "input": {"level": "medbeslutande", "purposes": ["lopande-inflytande"], "target_groups": ["funktionsvariation"],
                  "organisation": "krokom"},
        "top3_any": [["delegering", "rad"]],
    },
    # -- Alingsås' table with the organisation chosen ----------------------------------------
    {
        "id": "alingsas-konsultation",
        "title": "Alingsås: synpunkter på förslaget till ny trafikplan",
        "source": "Alingsås (2023), Grad av delaktighet, Konsultation: enkäter, råd, fokusgrupper, inlämnande förslag",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["alla", "arbetstagare"],
                  "organisation": "alingsas"},
        "top3_any": [["enkat", "fokusgrupp", "medborgarforslag"]],
        "not_top5": ["samradsmote-pbl", "brukarundersokning"],
    },
    {
        "id": "alingsas-medbeslutande-vote",
        "title": "Alingsås: invånarna i en stadsdel väljer mellan två förslag till torg",
        "source": "Alingsås (2023), Grad av delaktighet, Medbeslutande: rådslag med omröstning, medborgarbudget",
        "input": {"level": "medbeslutande", "purposes": ["vaga-alternativ"], "target_groups": ["geografiskt-omrade"],
                  "organisation": "alingsas"},
        "top3": ["radslag-med-omrostning"],
        "notices": ["referendum"],
    },
    {
        "id": "alingsas-information-not-counted",
        "title": "Alingsås: bara information om ett beslut som redan är fattat",
        "source": "Alingsås (2023), Bestäm graden av inflytande: information gäller när man valt att inte genomföra medborgardialog",
        "input": {"level": "information", "purposes": ["informera"], "organisation": "alingsas"},
        "notices": ["level-not-counted"],
        "main_any": INFO_METHODS,
    },
    # -- Region Värmland, Uppsala, Solna ------------------------------------------------------
    {
        "id": "region-healthcare-priorities",
        "title": "Region Värmland: prioriteringar i vården, invånare i hela länet, hög budget",
        "source": "Region Värmland (2019), Val av målgrupp (regional spridning) och Val av metod (kombinera metoder)",
        "input": {"level": "inflytande", "purposes": ["prioritera", "ge-rekommendation"], "target_groups": ["hela-lanet"],
                  "participants": 5000, "weeks": 26, "budget": "hog", "organisation": "region-varmland"},
        "top3_any": [DELIBERATIVE + ["medborgarpanel"]],
        "or_none_good": True,
        "not_top5": ["ungdomsfullmaktige", "rad", "delegering"],
        "main_not": ["ungdomsfullmaktige"],
    },
    {
        "id": "uppsala-less-active",
        "title": "Uppsala: förstå vad mindre aktiva invånare behöver av en ny fritidsgård",
        "source": "Uppsala, Alla ska få möjlighet att delta: fokus på de mindre aktiva invånarna",
        "input": {"level": "dialog", "purposes": ["kartlagga-behov"], "target_groups": ["mindre-aktiva"], "organisation": "uppsala"},
        "top3_any": [["pop-up-dialog", "community-researchers", "intervjuer", "sociala-fyrtorn", "fotodialog"]],
        "outreach": True,
        "main_kind": "metod",
    },
    {
        "id": "solna-safety-dialogue",
        "title": "Solna: trygghet i ett bostadsområde, med boende och äldre",
        "source": "Solna (2024), Bakgrund: trygghet, trivsel och brottsförebyggande dialoger som exempel",
        "input": {"level": "dialog", "purposes": ["trygghet"], "target_groups": ["geografiskt-omrade", "aldre"],
                  "participants": 25, "weeks": 10, "organisation": "solna"},
        "top3": ["trygghetsvandring"],
    },
    # -- places and children -------------------------------------------------------------
    {
        "id": "park-with-young-people",
        "title": "En park som formas tillsammans med ungdomar",
        "source": "Issue 10 (today's advice puts a safety walk first); Dialogguiden: dialogpromenad, planning for real, pop up",
        "input": {"level": "dialog", "purposes": ["fysisk-miljo", "utveckla-ideer"], "target_groups": ["ungdomar"],
                  "participants": 40, "weeks": 10, "budget": "lag"},
        "top3_any": [["dialogpromenad", "planning-for-real", "pop-up-dialog", "workshop-i-samtalsform", "framtidsverkstad",
                      "spelbaserad-planering", "minecraft", "minecraft-dialog", "spelbaserad-dialog"]],
        "main_not": ["trygghetsvandring", "samradsmote-pbl"],
        "notices": ["children"],
        "known_limit": "The safety walk serves places too (fysisk-miljo) and fits the dialog level and young people, "
                       "so it comes first although an expert would lead with pop up, a workshop or game-based planning "
                       "(pop up is in the first three). A factor for a method's first purpose or a heavier purpose weight "
                       "did not change it without moving other cases.",
    },
    {
        "id": "schoolyard-children",
        "title": "Barn 6–12 år om hur skolgården ska byggas om",
        "source": "Barnkonventionen artikel 12 (SFS 2018:1197); Krokom (2021), Klassråd, föräldraråd, elevråd",
        "input": {"level": "dialog", "purposes": ["fysisk-miljo", "kartlagga-behov"], "target_groups": ["barn"],
                  "participants": 120, "weeks": 8},
        "top3_any": [["klassrad-foraldrarad-elevrad", "fotodialog", "planning-for-real", "dialogpromenad", "barnkartor-gis"]],
        "not_top5": ["medborgarpanel", "webbforum", "konsensuskonferens", "samradsmote-pbl", "digital-opinionskartlaggning"],
        "not_excluded": ["klassrad-foraldrarad-elevrad"],
        "notices": ["children"],
        "notice_text": ["2018:1197"],
    },
    {
        "id": "youth-ideas-inflytande",
        "title": "Ungdomar 13–19 år tar fram idéer till nya aktiviteter i kommunen",
        "source": "Krokom (2021), Community Researchers (ungdomar når ungdomar); Alingsås (2023), Inflytande: framtidsverkstad",
        "input": {"level": "inflytande", "purposes": ["utveckla-ideer"], "target_groups": ["ungdomar"], "participants": 60},
        "top3_any": [["framtidsverkstad", "gemensamma-projekt", "hackathon", "sociala-fyrtorn"]],
        "not_top5": ["webbplats", "konsensuskonferens", "sociala-medier"],
        "notices": ["children"],
    },
    {
        "id": "safety-walk",
        "title": "Otrygg gångtunnel: var känner sig boende otrygga?",
        "source": "Dialogguiden, Trygghetsvandring; Solna (2024), Bakgrund: trygghet",
        "input": {"level": "dialog", "purposes": ["trygghet", "fysisk-miljo"], "target_groups": ["geografiskt-omrade"],
                  "participants": 15, "weeks": 8},
        "top3": ["trygghetsvandring"],
    },
    # -- large totals with small-group methods ------------------------------------------------
    {
        "id": "class-councils-600-pupils",
        "title": "600 elever i kommunens skolor om skolmaten, via klassråden",
        "source": "Krokom (2021), Klassråd, föräldraråd, elevråd; repeatable sessions (contract A)",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["barn"],
                  "participants": 600, "weeks": 8},
        "top3": ["klassrad-foraldrarad-elevrad"],
        "not_excluded": ["klassrad-foraldrarad-elevrad"],
        "sessions": {"klassrad-foraldrarad-elevrad": 10},
    },
    {
        "id": "focus-groups-180-parents",
        "title": "180 föräldrar om förskolans öppettider, i flera fokusgrupper",
        "source": "Fokusgrupp: ”Vill ni höra flera grupper ordnar ni flera fokusgrupper” (the method's own text)",
        "input": {"level": "konsultation", "purposes": ["kartlagga-behov"], "target_groups": ["foraldrar"],
                  "participants": 180, "weeks": 10},
        "not_excluded": ["fokusgrupp", "intervjuer", "workshop-i-samtalsform", "dialogpaus", "fotodialog"],
        "top3_any": [["fokusgrupp", "intervjuer"]],
        "sessions": {"fokusgrupp": 10},
    },
    {
        "id": "dialogue-200-residents",
        "title": "200 invånare samtalar om värderingar bakom en ny skolstruktur",
        "source": "Issue 10 (dialogpaus, workshop excluded at 200); Dialogguiden, Dialogcafé",
        "input": {"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["alla"], "participants": 200, "weeks": 8},
        "not_excluded": ["dialogpaus", "dialogcafe", "workshop-i-samtalsform"],
        "top3_any": [["dialogcafe", "open-space", "dialogpaus"]],
    },
    {
        "id": "dialogue-5000",
        "title": "Hela kommunen, 5 000 deltagare, samtal om kommunens vision",
        "source": "Dialogguiden, Dialogcafé och Open space (många parallella samtal)",
        "input": {"level": "dialog", "purposes": ["fordjupa", "samla-synpunkter"], "target_groups": ["alla"], "participants": 5000},
        "not_excluded": ["dialogcafe"],
        "not_top5": ["medborgarjury", "fokusgrupp"],
    },
    # -- tight time, no budget, digital ----------------------------------------------------
    {
        "id": "three-weeks-no-budget",
        "title": "Synpunkter på en ny busslinje på tre veckor, utan budget",
        "source": "A web survey can be done in 2–3 weeks (issue 10); Krokom (2021), Enkäter",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["alla"],
                  "weeks": 3, "budget": "lag", "format": "digitalt"},
        "top3": ["enkat"],
        "not_excluded": ["enkat"],
    },
    {
        "id": "two-weeks-dialogue",
        "title": "Två veckor till beslut: snabba samtal på plats om ett förslag",
        "source": "Dialogguiden, Pop up-dialog och Dialogpaus",
        "input": {"level": "dialog", "purposes": ["samla-synpunkter"], "weeks": 2, "budget": "lag"},
        "not_excluded": ["pop-up-dialog", "dialogpaus"],
        "top3_any": [["pop-up-dialog", "dialogpaus"]],
    },
    {
        "id": "digital-summer-residents",
        "title": "Digitalt: fritidshusägarna om sophämtning på sommaren",
        "source": "Krokom (2021), 3 Representativitet: fritidshusägare; Dialogguiden, Webbenkät",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["fritidshusagare"],
                  "participants": 300, "format": "digitalt"},
        "top3_any": [["enkat", "webbforum", "digital-karta", "medborgarpanel"]],
        "not_top5": ["trygghetsvandring", "dialogpromenad", "pop-up-dialog"],
    },
    {
        "id": "physical-elderly-information",
        "title": "Fysiskt: äldre utan internet ska få veta om nya färdtjänstregler",
        "source": "Krokom (2021), Radio Krokomb och Kommunens tidning; contract A, format medier",
        "input": {"level": "information", "purposes": ["informera"], "target_groups": ["aldre"], "format": "fysiskt",
                  "influenceable": False},
        "not_excluded": ["lokalradio", "pressmeddelande", "kommunens-tidning"],
        "top3_any": [["lokalradio", "kommunens-tidning", "informationsmote", "trycksaker", "brev-och-affischer"]],
        "info_only": True,
    },
    # -- low-activity and foreign-born residents ------------------------------------------
    {
        "id": "renewal-low-activity-area",
        "title": "Upprustning av ett bostadsområde där få brukar delta",
        "source": "Alingsås (2023), Definiera målgruppen: mest resurser på dem som är berörda men sällan hörs",
        "input": {"level": "dialog", "purposes": ["fysisk-miljo", "kartlagga-behov"],
                  "target_groups": ["berorda-lagaktiva", "geografiskt-omrade"], "participants": 100, "weeks": 12, "budget": "medel"},
        "top3_any": [["planning-for-real", "pop-up-dialog", "dialogpromenad"]],
        "outreach": True,
        "main_kind": "metod",
    },
    {
        "id": "foreign-born-parents",
        "title": "Utlandsfödda föräldrar om förskolans öppettider",
        "source": "Krokom (2021), Sociala fyrton (Arbete och integration – utlandsfödda); Intervjuer",
        "input": {"level": "konsultation", "purposes": ["kartlagga-behov"], "target_groups": ["utlandsfodda", "foraldrar"]},
        "top3_any": [["intervjuer", "fokusgrupp", "community-researchers", "sociala-fyrtorn"]],
        "not_top5": ["brev-och-affischer", "trycksaker", "sociala-medier", "webbplats"],
        "main_kind": "metod",
    },
    {
        "id": "reach-foreign-born",
        "title": "Nå utlandsfödda invånare som sällan hörs",
        "source": "Issue 10 (a poster tops this today); informing is not being heard",
        "input": {"purposes": ["na-underrepresenterade"], "target_groups": ["utlandsfodda"]},
        "not_top5": ["brev-och-affischer", "trycksaker", "sociala-medier"],
        "main_kind": "metod",
    },
    {
        "id": "krokom-lighthouse-outreach",
        "title": "Krokom: dialog med människor i psykisk ohälsa om stödet i vardagen",
        "source": "Krokom (2021), Sociala fyrton (IFO – människor i psykisk ohälsa)",
        "input": {"level": "dialog", "purposes": ["kartlagga-behov"], "target_groups": ["psykisk-ohalsa"], "organisation": "krokom"},
        "top3_any": [["sociala-fyrtorn", "fotodialog", "intervjuer", "community-researchers"]],
        "outreach": True,
    },
    # -- Sami questions ------------------------------------------------------------------
    {
        "id": "krokom-sami-target",
        "title": "Krokom: dialog med samer om kommunens kulturarbete",
        "source": "Lag (2022:66) 2 §; lag (2009:724) 5 §; Krokom (2021), Delegering: samrådsgruppen för samiskt förvaltningsområde",
        "input": {"level": "dialog", "purposes": ["kartlagga-behov"], "target_groups": ["samer"], "organisation": "krokom"},
        "notices": ["sami-consultation", "national-minorities"],
        "notice_text": ["2022:66", "2009:724"],
        "top3_any": [["konsultation-samer", "samrad-nationella-minoriteter", "sociala-fyrtorn", "rad", "intervjuer"]],
    },
    {
        "id": "krokom-land-use",
        "title": "Krokom: ny plats för en vindkraftspark; marken används för renskötsel",
        "source": "Lag (2022:66) 2 §: ärenden som kan få särskild betydelse för samerna; Krokom (2021), Delegering (samiskt förvaltningsområde)",
        "input": {"level": "dialog", "purposes": ["fysisk-miljo"], "target_groups": ["geografiskt-omrade"], "organisation": "krokom"},
        "notices": ["sami-consultation"],
    },
    {
        "id": "sami-anywhere",
        "title": "En kommun utan förvaltningsområde vill nå samer om ett fritidsprojekt",
        "source": "Lag (2022:66) 2 §; lag (2009:724) 5 §",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["samer"]},
        "notices": ["sami-consultation", "national-minorities"],
    },
    # -- questions already decided, not needing views ----------------------------------------
    {
        "id": "krokom-decided-no-rules",
        "title": "Krokom: skolans nedläggning är beslutad; föräldrarna ska få veta vad som händer",
        "source": "Solna (2024), två frågor; Krokom (2021), rules that apply to a medborgardialog only",
        "input": {"influenceable": False, "level": "dialog", "target_groups": ["foraldrar"], "organisation": "krokom"},
        "notices": ["not-medborgardialog"],
        "no_rules": ["question-time", "group-size"],
        "main_any": INFO_METHODS,
    },
    {
        "id": "no-need-for-views",
        "title": "Politikerna behöver inte invånarnas värderingar: frågan är rent teknisk",
        "source": "Solna (2024), Överväganden inför medborgardialog, fråga 1",
        "input": {"needs_views": False, "purposes": ["samla-synpunkter"], "target_groups": ["alla"]},
        "notices": ["not-medborgardialog"],
        "main_any": INFO_METHODS,
    },
    # -- brukardialog and samråd ---------------------------------------------------------
    {
        "id": "user-survey-home-care",
        "title": "Hur upplever de äldre hemtjänsten? Verksamheten vill förbättra den",
        "source": "Uppsala, Definition och avgränsning (brukardialog); Region Värmland (2019), Inledning",
        "input": {"level": "konsultation", "purposes": ["forbattra-service"], "target_groups": ["brukare", "aldre"]},
        "notices": ["brukardialog"],
        "top3": ["brukarundersokning"],
        "not_excluded": ["brukarundersokning"],
    },
    {
        "id": "no-user-survey-for-views",
        "title": "Invånarnas synpunkter på äldreomsorgens framtid (inte en brukarundersökning)",
        "source": "Alingsås (2023), tabellen Typ av dialog: brukardialog är tjänstepersoners, medborgardialog förtroendevaldas",
        "input": {"level": "konsultation", "purposes": ["samla-synpunkter"], "target_groups": ["aldre"]},
        "not_top5": ["brukarundersokning", "samradsmote-pbl"],
        "tier": {"brukarundersokning": "poor", "samradsmote-pbl": "poor"},
        "no_notices": ["brukardialog", "samrad"],
    },
    {
        "id": "pbl-samrad-solna",
        "title": "Solna: samråd om ett förslag till detaljplan",
        "source": "Plan- och bygglag (2010:900) 5 kap. 11 §; Solna (2024): samråd ska inte blandas samman med medborgardialog",
        "input": {"level": "konsultation", "purposes": ["lagstadgat-samrad", "fysisk-miljo"], "target_groups": ["geografiskt-omrade"],
                  "organisation": "solna"},
        "notices": ["samrad"],
        "notice_text": ["2010:900"],
        "top3": ["samradsmote-pbl"],
    },
    {
        "id": "krokom-place-not-pbl",
        "title": "Krokom: idéer till ett nytt torg (ingen planprocess än)",
        "source": "Issue 10: a PBL samråd reached the top 5 lifted by the Krokom guideline bonus",
        "input": {"level": "dialog", "purposes": ["fysisk-miljo", "utveckla-ideer"], "target_groups": ["geografiskt-omrade"],
                  "organisation": "krokom"},
        "not_top5": ["samradsmote-pbl", "brukarundersokning"],
        "tier": {"samradsmote-pbl": "poor"},
        "main_not": ["samradsmote-pbl"],
    },
    # -- combination -------------------------------------------------------------------
    {
        "id": "inform-young-people",
        "title": "Informera ungdomar om sommarjobb i kommunen",
        "source": "Krokom (2021), sociala medier och Infomentor som informationskanaler",
        "input": {"purposes": ["informera"], "target_groups": ["ungdomar"]},
        "info_only": True,
        "top3_any": [["sociala-medier", "skolplattform"]],
        "main_any": INFO_METHODS,
    },
    {
        "id": "information-step-reaches-elderly",
        "title": "Dialog om äldreomsorgens värderingar; informationen ska nå de äldre",
        "source": "Krokom (2021), information först; Radio Krokomb och kommunens tidning",
        "input": {"level": "dialog", "purposes": ["fordjupa"], "target_groups": ["aldre"]},
        "info_step_any": ["lokalradio", "kommunens-tidning", "trycksaker", "brev-och-affischer", "informationsmote"],
        "main_kind": "metod",
    },
    {
        "id": "deliberation-climate",
        "title": "Ett slumpvis utvalt medborgarråd om kommunens klimatomställning",
        "source": "OECD, Innovative Citizen Participation (2020): representative deliberative models",
        "input": {"level": "inflytande", "purposes": ["ge-rekommendation", "fordjupa"], "target_groups": ["alla"],
                  "participants": 40, "weeks": 26, "budget": "mycket-hog"},
        "top3_any": [DELIBERATIVE],
        "not_top5": ["enkat", "webbplats", "ungdomsfullmaktige", "rad"],
    },
    {
        "id": "nothing-fits-well",
        "title": "En genomtänkt rekommendation om skolstrukturen på tre veckor, utan budget",
        "source": "Deliberative methods take months and cost more (Dialogguiden, Medborgarjury); issue 10",
        "input": {"level": "inflytande", "purposes": ["ge-rekommendation"], "target_groups": ["alla"], "weeks": 3, "budget": "lag"},
        "none_good": True,
        "notice_text": ["Medborgarjury"],
    },
    {
        "id": "tie-no-place",
        "title": "Synpunkter från alla invånare på ett förslag som inte gäller en plats",
        "source": "Issue 10: equal scores put ”Digital karta” above ”Enkät” by name",
        "input": {"purposes": ["samla-synpunkter"], "target_groups": ["alla"]},
        "before": [["enkat", "digital-karta"]],
    },
    {
        "id": "panel-exists",
        "title": "Kommunen har redan en medborgarpanel: fyra veckor till en enkät om prioriteringar",
        "source": "Dialogguiden, Medborgarpanel (en panel som redan finns kan frågas snabbt)",
        "input": {"level": "konsultation", "purposes": ["prioritera"], "target_groups": ["alla"], "weeks": 4,
                  "existing": ["medborgarpanel"]},
        "top3": ["medborgarpanel"],
    },
    {
        "id": "panel-missing",
        "title": "Ingen medborgarpanel finns: fyra veckor till en enkät om prioriteringar",
        "source": "Dialogguiden, Medborgarpanel (att bygga upp en panel tar månader)",
        "input": {"level": "konsultation", "purposes": ["prioritera"], "target_groups": ["alla"], "weeks": 4},
        "top3": ["enkat"],
        "not_top5": ["medborgarpanel"],
    },
]
