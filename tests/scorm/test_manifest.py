"""SCORM 1.2 packages: a manifest valid against ADL's schemas, one SCO listing every file,
a page that needs no other host and no inline code; broken manifests refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from chatdojo.cli import main
from chatdojo.content.catalog import Catalog
from chatdojo.scorm import manifest
from chatdojo.scorm.data import ExportError
from chatdojo.scorm.package import build_package, zip_package

from .helpers import SCHEMAS, unzip

CP = {"cp": manifest.CP, "adlcp": manifest.ADLCP}


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    """IMS CP 1.1.2 + ADL CP 1.2, on a copy with the two quirks libxml2 refuses (README)."""
    folder = tmp_path_factory.mktemp("xsd")
    for path in SCHEMAS.glob("*.xsd"):
        text = path.read_text(encoding="utf-8-sig")
        if path.name == "ims_xml.xsd":
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
        (folder / path.name).write_text(text, encoding="utf-8")
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{manifest.CP}" schemaLocation="imscp_rootv1p1p2.xsd"/>'
        f'<xsd:import namespace="{manifest.ADLCP}" schemaLocation="adlcp_rootv1p2.xsd"/>'
        "</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=f"{folder}/"))


@pytest.fixture(scope="module")
def package(catalog: Catalog) -> dict[str, bytes]:
    return unzip(build_package(catalog, "paper-saving", mastery=80))


def test_manifest_is_valid_scorm_12(package: dict[str, bytes], schema: etree.XMLSchema) -> None:
    """Does the manifest validate against the SCORM 1.2 CP schemas, with one SCO listing all?"""
    root = etree.fromstring(package["imsmanifest.xml"])
    assert schema.validate(root), schema.error_log
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=CP) == "1.2"
    assert len(root.findall("cp:organizations/cp:organization", CP)) == 1
    (sco,) = root.findall("cp:resources/cp:resource", CP)
    assert sco.get(f"{{{manifest.ADLCP}}}scormtype") == "sco"
    assert sco.get("href") == "index.html"
    listed = sorted(f.get("href") for f in sco.findall("cp:file", CP))
    assert listed == sorted(n for n in package if n != "imsmanifest.xml")
    assert root.findtext(".//adlcp:masteryscore", namespaces=CP) == "80"


def test_schema_catches_a_wrong_scormtype(
    package: dict[str, bytes], schema: etree.XMLSchema
) -> None:
    """Can the schema fail (so the test above means something)?"""
    bad = package["imsmanifest.xml"].replace(b'scormtype="sco"', b'scormtype="lesson"')
    assert not schema.validate(etree.fromstring(bad))


def test_no_masteryscore_unless_set(catalog: Catalog, schema: etree.XMLSchema) -> None:
    files = unzip(build_package(catalog, "chat-etiquette", lang="en", count=3, seed=2))
    root = etree.fromstring(files["imsmanifest.xml"])
    assert schema.validate(root), schema.error_log
    assert root.find(".//adlcp:masteryscore", CP) is None
    data = page_data(files)
    assert data["lang"] == "en" and len(data["questions"]) == 3 and data["mastery"] is None


def page_data(files: dict[str, bytes]) -> dict:
    html = files["index.html"].decode()
    match = re.search(r'<script type="application/json" id="cd-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_needs_no_other_host_and_no_inline_code(package: dict[str, bytes]) -> None:
    """Would the page run under script-src 'self' with nothing fetched from elsewhere?"""
    html = package["index.html"].decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\sstyle=|\son[a-z]+=|javascript:", html)
    assert "<style" not in html
    assert "Content-Security-Policy" in html and "script-src 'self'" in html
    for name, body in package.items():
        if name == "imsmanifest.xml":
            continue  # namespace names, never fetched
        text = body.decode()
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), name
        if name.endswith(".js"):
            assert not re.search(r"\beval\s*\(|new Function\b|setTimeout\(\s*['\"]", text), name
            assert "innerHTML = " not in text or name == "quiz.js"
    data = page_data(package)
    assert {q["type"] for q in data["questions"]} <= {
        "single",
        "multiple",
        "truefalse",
        "matching",
        "ordering",
        "numeric",
    }
    assert "</script" not in json.dumps(data)  # escaped so it cannot end the block


def test_every_type_reaches_a_package(catalog: Catalog) -> None:
    """Do packages carry all six question types (bcp-telework's bank has every one)?"""
    files = unzip(build_package(catalog, "bcp-telework", count=31, profile_id="bcp-city"))
    types = {q["type"] for q in page_data(files)["questions"]}
    assert types == {"single", "multiple", "truefalse", "matching", "ordering", "numeric"}


def test_broken_manifests_are_refused(package: dict[str, bytes]) -> None:
    members = dict(package)
    xml = members["imsmanifest.xml"]
    with pytest.raises(manifest.ManifestError, match="lacks: page.css"):
        zip_package({k: v for k, v in members.items() if k != "page.css"})
    with pytest.raises(manifest.ManifestError, match="not listed: extra.js"):
        zip_package({**members, "extra.js": b""})
    with pytest.raises(manifest.ManifestError, match=r"imsmanifest.xml:\d+:\d+: not well-formed"):
        zip_package({**members, "imsmanifest.xml": xml.replace(b"</manifest>", b"")})
    with pytest.raises(manifest.ManifestError, match="schemaversion"):
        zip_package({**members, "imsmanifest.xml": xml.replace(b">1.2<", b">1.3<")})
    with pytest.raises(manifest.ManifestError, match="missing"):
        zip_package({k: v for k, v in members.items() if k != "imsmanifest.xml"})
    bomb = b'<!DOCTYPE m [<!ENTITY a "aaaa">]><m>&a;</m>'
    with pytest.raises(manifest.ManifestError, match="refused"):
        zip_package({**members, "imsmanifest.xml": bomb})


def test_cli_writes_a_package_and_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.zip"
    assert main(["export", "scorm", "mobile-devices", "--mastery", "70", "-o", str(out)]) == 0
    assert "imsmanifest.xml" in unzip(out.read_bytes())
    assert main(["export", "scorm", "no-such-module", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown module 'no-such-module'" in err and "chat-etiquette" in err
    assert main(["export", "scorm", "mobile-devices", "--mastery", "120", "-o", str(out)]) == 2
    assert "--mastery" in capsys.readouterr().err


def test_bad_options_raise_export_errors(catalog: Catalog) -> None:
    """Is each bad option refused in Japanese first, then English, naming what exists?"""
    with pytest.raises(ExportError, match="プロファイル nowhere はありません.*unknown profile"):
        build_package(catalog, "paper-saving", profile_id="nowhere")
    with pytest.raises(ExportError, match="--count は 1〜200.*--count must"):
        build_package(catalog, "paper-saving", count=0)
    with pytest.raises(ExportError, match="モジュール nope はありません.*chat-etiquette"):
        build_package(catalog, "nope")


def test_page_text_is_rendered_as_the_app_renders_it(catalog: Catalog) -> None:
    """Does the page's faster renderer give the app's HTML (views.render.md) byte for byte?"""
    from chatdojo.scorm.data import md, rule_titles
    from chatdojo.views.render import md as app_md

    subs = catalog.profile("kusatsu-city").substitutions("en")  # type: ignore[union-attr]
    for guide in list(catalog.guides.values())[:3]:
        ours = md(guide.body, "en", subs, rule_titles(catalog, "en"))
        assert ours == app_md(guide.body, "en", subs, catalog, guide_url="#{}")
