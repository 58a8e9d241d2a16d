"""The open data described for portals: a Frictionless Data Package for methods.csv, checked
with the frictionless library (schema, types, constraints, every row), and a DCAT-AP-SE record
of the catalogue in RDF/XML, parsed with rdflib and checked with pySHACL against shapes for
DCAT-AP-SE's mandatory fields and the portal's harvesting rules (tests/shapes/)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import PUBLISHED_URL

SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-se-mandatory.ttl"
SITE_URL = PUBLISHED_URL


@pytest.fixture(scope="module")
def published(published_site: Path) -> Path:
    return published_site


def _validate_package(folder: Path):
    from frictionless import validate

    return validate(str(folder / "datapackage.json"))


def test_the_datapackage_describes_methods_csv_and_every_row_fits(built_site: Path):
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][0]
    header = next(csv.reader(io.StringIO((built_site / "data" / "methods.csv").read_text(encoding="utf-8"))))
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == header  # one field per column, in order
    # Types and constraints come from the method schema.
    assert fields["participants.min"]["type"] == "integer" and fields["participants.min"]["constraints"]["minimum"] == 1
    assert fields["outreach"]["type"] == "boolean"
    assert fields["kind"]["constraints"]["enum"] == ["metod", "kanal"]
    assert fields["name"]["title"] and fields["id"]["constraints"]["required"] is True
    report = _validate_package(built_site / "data")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    assert report.tasks[0].stats["rows"] == len(json.loads((built_site / "data" / "catalogue.json").read_text(encoding="utf-8"))["methods"])


def test_the_datapackage_catches_a_wrong_cell(built_site: Path, tmp_path: Path):
    shutil.copy(built_site / "data" / "datapackage.json", tmp_path / "datapackage.json")
    rows = list(csv.reader(io.StringIO((built_site / "data" / "methods.csv").read_text(encoding="utf-8"))))
    rows[3][rows[0].index("participants.min")] = "många"
    rows[5][rows[0].index("kind")] = "möte"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (tmp_path / "methods.csv").write_text(out.getvalue(), encoding="utf-8")
    report = _validate_package(tmp_path)
    assert not report.valid
    errors = report.flatten(["fieldName", "type"])
    assert ["participants.min", "type-error"] in errors and ["kind", "constraint-error"] in errors


def _graph(site: Path):
    from rdflib import Graph

    graph = Graph()
    graph.parse(site / "data" / "catalog.rdf", format="xml")  # RDF/XML, as the portal harvests it
    return graph


def _shacl(graph) -> tuple[bool, str]:
    from pyshacl import validate
    from rdflib import Graph

    conforms, _, text = validate(graph, shacl_graph=Graph().parse(SHAPES, format="turtle"))
    return conforms, text


def test_the_dcat_record_meets_dcat_ap_se(published: Path):
    from rdflib import BNode, URIRef
    from rdflib.namespace import DCAT, RDF

    graph = _graph(published)
    conforms, text = _shacl(graph)
    assert conforms, text
    # Absolute IRIs only, no blank node anywhere (the portal's harvesting rules).
    nodes = {node for triple in graph for node in triple}
    assert not [n for n in nodes if isinstance(n, BNode)]
    assert all(str(n).startswith(("http://", "https://", "mailto:")) for n in nodes if isinstance(n, URIRef))
    # Every distribution is a file of the published site.
    downloads = [str(o) for o in graph.objects(None, DCAT.downloadURL)]
    assert sorted(d[len(SITE_URL) :] for d in downloads) == ["data/catalogue.json", "data/methods.csv"]
    for path in downloads:
        assert (published / path[len(SITE_URL) :]).is_file()
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 1


def test_the_shapes_catch_a_missing_title(published: Path):
    from rdflib.namespace import DCAT, DCTERMS, RDF

    graph = _graph(published)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.title, None))
    conforms, text = _shacl(graph)
    assert not conforms and "title" in text


def test_no_dcat_record_without_absolute_addresses(built_site: Path):
    assert not (built_site / "data" / "catalog.rdf").exists()  # site_url unset: links stay relative
