"""Open data: the catalogue as JSON, the methods as CSV, and the JSON Schemas."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

from macros.loader import schemas

EXPORT_DIR = "data"  # folder of the built site that holds the open data
CSV_SEPARATOR = "; "  # lists inside one CSV cell


def catalogue_json(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _flatten(prefix: str, value, row: dict) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, child, row)
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            row[prefix] = CSV_SEPARATOR.join(str(v) for v in value)
        else:  # lists of records: one readable cell, e.g. "tolkning: Erbjud tolk …"
            row[prefix] = CSV_SEPARATOR.join(
                ", ".join(f"{k}: {v}" for k, v in item.items()) if isinstance(item, dict) else str(item) for item in value
            )
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    else:
        row[prefix] = str(value)


def methods_rows(catalogue: dict) -> tuple[list[str], list[dict]]:
    rows = []
    for method in catalogue["methods"]:
        row: dict = {}
        _flatten("", method, row)
        rows.append(row)
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    return columns, rows


# A cell that starts with one of these is a formula in Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: OWASP's advice against CSV injection is to prefix a
    cell that could start a formula with a single quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def methods_csv(catalogue: dict) -> str:
    columns, rows = methods_rows(catalogue)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_cell(row.get(c, "")) for c in columns})
    return out.getvalue()


def catalogue_schema(schema_dir: Path) -> dict:
    """The JSON Schema of catalogue.json, made from the schemas of data/: the same records, plus
    what the loader adds to a guideline's facts (the `items` and `phases` it copies from the
    text, so that users of the catalogue need not walk the sections)."""
    def load(name: str) -> dict:
        return json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))

    guideline = load("guideline")
    fact = guideline["$defs"]["fact"]["properties"]
    fact.setdefault("items", {"title": "Punkter", "description": "Punkterna i blocket som ref pekar på.", "type": "array"})
    fact["phases"] = {
        "title": "Faser",
        "description": "För ett faktum med sections: avsnittens rubriker och punkter.",
        "type": "array",
        "items": {"type": "object", "required": ["name", "section", "items"], "properties": {"name": {"type": "string"}, "section": {"type": "string"}, "items": {"type": "array"}}},
    }
    guideline["$id"] = "catalogue-guideline.schema.json"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "catalogue.schema.json",
        "title": "Katalogen",
        "description": "Hela katalogen som öppna data (catalogue.json): trappan, ordlistorna, metoderna och riktlinjerna.",
        "type": "object",
        "additionalProperties": False,
        "required": ["ladder", "vocabularies", "methods", "guidelines"],
        "properties": {
            "ladder": {"$ref": "ladder.schema.json"},
            "vocabularies": {"type": "object", "additionalProperties": {"$ref": "vocabulary.schema.json"}},
            "methods": {"type": "array", "items": {"$ref": "method.schema.json"}},
            "guidelines": {"type": "array", "items": {"$ref": "catalogue-guideline.schema.json"}},
        },
        # Embedded with their own $id, so their internal "#/$defs/…" references and their
        # references into common.schema.json keep working: the file stands alone.
        "$defs": {
            "common": load("common"),
            "ladder": load("ladder"),
            "vocabulary": load("vocabulary"),
            "method": load("method"),
            "guideline": copy.deepcopy(guideline),
        },
    }


def open_data_files(catalogue: dict, schema_dir: Path) -> dict[str, str]:
    """Site path -> content of every open-data file. They are added to MkDocs' files, so
    pages can link to them and link validation covers them."""
    files = {
        f"{EXPORT_DIR}/catalogue.json": catalogue_json(catalogue),
        f"{EXPORT_DIR}/methods.csv": methods_csv(catalogue),
        f"{EXPORT_DIR}/datapackage.json": methods_datapackage(catalogue, schema_dir),
    }
    for schema in sorted(schema_dir.glob("*.schema.json")):
        files[f"{EXPORT_DIR}/schemas/{schema.name}"] = schema.read_text(encoding="utf-8")
    files[f"{EXPORT_DIR}/schemas/catalogue.schema.json"] = json.dumps(catalogue_schema(schema_dir), ensure_ascii=False, indent=1) + "\n"
    return files


# -- descriptions of the open data for portals: Frictionless and DCAT-AP-SE ------------------

LICENSE_URI = "http://creativecommons.org/licenses/by/4.0/"  # the form Sveriges dataportal matches
_FRICTIONLESS_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "string": "string"}


def _schema_at(schema_dir: Path, path: list[str]) -> tuple[dict, bool]:
    """The JSON Schema of a flattened CSV column (participants.min -> its property, with its
    $ref into common.schema.json resolved) and whether every step of the path is required."""
    node, required = schemas.deref(schema_dir, schemas.root(schema_dir, "method")), True
    for key in path:
        required = required and key in node.get("required", [])
        node = schemas.deref(schema_dir, node.get("properties", {}).get(key, {}))
    return node, required


def _field(column: str, schema_dir: Path) -> dict:
    node, required = _schema_at(schema_dir, column.split("."))
    types = node.get("type", "string")
    types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"] or ["string"]
    field: dict = {"name": column, "type": _FRICTIONLESS_TYPES.get(types[0], "string")}
    if node.get("title"):
        field["title"] = node["title"]
    description = node.get("description", "")
    if types[0] in ("array", "object"):  # lists in one cell, as methods_csv() writes them
        description = (description + f" Flera värden åtskilda med ”{CSV_SEPARATOR}”.").strip()
    if node.get("x-labels"):  # what each value of a closed list means, from the schema
        description = (description + " Värden: " + "; ".join(f"{v} = {node['x-labels'][v]}" for v in node["enum"]) + ".").strip()
    if description:
        field["description"] = description
    constraints: dict = {}
    nullable = "null" in (node.get("type") if isinstance(node.get("type"), list) else [])
    may_be_empty = types[0] == "array" and node.get("minItems", 0) < 1  # an empty list is an empty cell
    if required and not nullable and not may_be_empty:
        constraints["required"] = True
    if node.get("enum") and types[0] == "string":
        constraints["enum"] = node["enum"]
    if types[0] in ("integer", "number") and "minimum" in node:
        constraints["minimum"] = node["minimum"]
    if constraints:
        field["constraints"] = constraints
    return field


def methods_datapackage(catalogue: dict, schema_dir: Path) -> str:
    """A Frictionless Data Package (datapackage.json) for methods.csv: one field per column,
    with the type, title, description and constraints of the method schema it comes from."""
    schema = json.loads((schema_dir / "method.schema.json").read_text(encoding="utf-8"))
    columns, _ = methods_rows(catalogue)
    package = {
        "profile": "tabular-data-package",
        "name": "medborgardialog-metoder",
        "title": "Metoder för medborgardialog",
        "description": "Katalogens dialogmetoder, en rad per metod, med fälten i metodschemat (schemas/method.schema.json).",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Erkännande 4.0"}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "methods",
                "path": "methods.csv",
                "title": schema.get("title", "Metoder"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": {"fields": [_field(c, schema_dir) for c in columns], "primaryKey": ["id"], "missingValues": [""]},
            }
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def dcat_catalogue(catalogue: dict, site_url: str, publisher: dict) -> str:
    """A DCAT-AP-SE catalogue record in RDF/XML, the form Sveriges dataportal harvests: the
    catalogue, one dataset (the method catalogue) and its distributions, with absolute IRIs
    and no blank nodes for the catalogue, dataset, distributions, publisher or contact.
    `publisher`: name, optional uri (http://dataportal.se/organisation/SE<orgnr>) and email."""
    from rdflib import RDF, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF

    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    eu = "http://publications.europa.eu/resource/authority/"
    base = site_url.rstrip("/") + "/"
    page = URIRef(base + "oppna-data/")
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", vcard)):
        g.bind(prefix, ns)

    def sv(text: str) -> Literal:
        return Literal(text, lang="sv")

    catalog, dataset = URIRef(base + "data/catalog.rdf"), URIRef(base + "oppna-data/#metodkatalogen")
    agent = URIRef(publisher.get("uri") or base + "oppna-data/#utgivare")
    contact = URIRef(base + "oppna-data/#kontakt")
    license_ = URIRef(LICENSE_URI)
    swedish = URIRef(eu + "language/SWE")

    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, sv(publisher["name"])))
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, sv("Medborgardialog: öppna data")))
    g.add((catalog, DCTERMS.description, sv("Öppna data från webbplatsen Medborgardialog: metodkatalogen, delaktighetstrappan och riktlinjerna för medborgardialog.")))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, DCTERMS.license, license_))
    g.add((catalog, DCTERMS.language, swedish))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCAT.dataset, dataset))

    count = len(catalogue["methods"])
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, sv("Metoder för medborgardialog")))
    g.add((dataset, DCTERMS.description, sv(
        f"{count} metoder för medborgardialog med nivå på SKR:s delaktighetstrappa, syften, målgrupper, form, "
        "antal deltagare, kalendertid, kostnad och källor, samt delaktighetstrappan och kommunernas och regionernas riktlinjer."
    )))
    g.add((dataset, DCTERMS.publisher, agent))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCAT.landingPage, page))
    g.add((dataset, DCTERMS.language, swedish))
    g.add((dataset, DCAT.theme, URIRef(eu + "data-theme/GOVE")))
    for word in ("medborgardialog", "delaktighet", "dialogmetoder", "delaktighetstrappan"):
        g.add((dataset, DCAT.keyword, sv(word)))
    g.add((contact, RDF.type, vcard.Organization))
    g.add((contact, vcard.fn, Literal(publisher["name"])))
    if publisher.get("email"):
        g.add((contact, vcard.hasEmail, URIRef("mailto:" + publisher["email"])))

    for path, title, file_type, media in (
        ("data/catalogue.json", "Hela katalogen som JSON", "JSON", "application/json"),
        ("data/methods.csv", "Metoderna som CSV, en rad per metod", "CSV", "text/csv"),
    ):
        url = URIRef(base + path)
        g.add((dataset, DCAT.distribution, url))
        g.add((url, RDF.type, DCAT.Distribution))
        g.add((url, DCTERMS.title, sv(title)))
        g.add((url, DCAT.accessURL, url))
        g.add((url, DCAT.downloadURL, url))
        g.add((url, DCTERMS.format, URIRef(eu + "file-type/" + file_type)))
        g.add((url, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media)))
        g.add((url, DCTERMS.license, license_))
    g.add((URIRef(base + "data/methods.csv"), DCTERMS.conformsTo, URIRef(base + "data/datapackage.json")))
    return g.serialize(format="xml")
