"""``imsmanifest.xml`` for a one-SCO SCORM 1.2 package, and the exporter's own check of it.

Written with the namespaces and schema locations of ADL's SCORM 1.2 content packaging
(IMS CP 1.1.2 + adlcp 1.2); tests validate it against those XSDs. ``check`` refuses a
package whose manifest is not well-formed, is not SCORM 1.2, or does not list exactly the
files the zip holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
MANIFEST = "imsmanifest.xml"
LAUNCH = "index.html"


class ManifestError(ValueError):
    """The package's manifest is broken; the message says where and what."""


def build(
    identifier: str, title: str, files: Iterable[str], *, mastery: float | None = None
) -> bytes:
    """The manifest: one organization, one item, one SCO resource listing every file."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{CP}}}manifest",
        {"identifier": identifier, "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
    )
    meta = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(root, f"{{{CP}}}organizations", {"default": "ORG-1"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": "ORG-1"})
    ET.SubElement(org, f"{{{CP}}}title").text = title
    item = ET.SubElement(
        org,
        f"{{{CP}}}item",
        {"identifier": "ITEM-1", "identifierref": "RES-1", "isvisible": "true"},
    )
    ET.SubElement(item, f"{{{CP}}}title").text = title
    if mastery is not None:
        ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = format_mastery(mastery)
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {
            "identifier": "RES-1",
            "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco",
            "href": LAUNCH,
        },
    )
    for name in sorted(files):
        ET.SubElement(resource, f"{{{CP}}}file", {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def format_mastery(value: float) -> str:
    """A mastery score as SCORM 1.2 writes it: a whole number 0-100 (``80``)."""
    return str(round(value))


def check(manifest: bytes, members: Iterable[str]) -> None:
    """Refuse a manifest that is not well-formed SCORM 1.2 or does not list every file.

    ``members`` are the package's file names (manifest included); each must be listed
    once by the SCO resource, and each listed file must exist.
    """
    try:
        root = SafeET.fromstring(manifest)
    except ET.ParseError as exc:
        line, col = exc.position
        raise ManifestError(f"{MANIFEST}:{line}:{col}: not well-formed XML ({exc})") from None
    except Exception as exc:  # defusedxml refuses entities and DTDs
        raise ManifestError(f"{MANIFEST}: refused ({exc.__class__.__name__})") from None
    if root.tag != f"{{{CP}}}manifest":
        raise ManifestError(
            f"{MANIFEST}: the root must be <manifest> in the IMS CP 1.1.2 namespace"
        )
    version = root.findtext(f"{{{CP}}}metadata/{{{CP}}}schemaversion")
    if (version or "").strip() != "1.2":
        raise ManifestError(f"{MANIFEST}: <schemaversion> must be 1.2 (found {version!r})")
    orgs = root.findall(f"{{{CP}}}organizations/{{{CP}}}organization")
    if len(orgs) != 1:
        raise ManifestError(f"{MANIFEST}: exactly one <organization> expected (found {len(orgs)})")
    scos = [
        r
        for r in root.findall(f"{{{CP}}}resources/{{{CP}}}resource")
        if r.get(f"{{{ADLCP}}}scormtype") == "sco"
    ]
    if len(scos) != 1:
        raise ManifestError(f"{MANIFEST}: exactly one SCO resource expected (found {len(scos)})")
    listed = [f.get("href", "") for f in scos[0].findall(f"{{{CP}}}file")]
    present = {m for m in members if m != MANIFEST and not m.endswith("/")}
    if len(set(listed)) != len(listed):
        raise ManifestError(f"{MANIFEST}: a file is listed twice")
    if missing := sorted(set(listed) - present):
        raise ManifestError(f"{MANIFEST}: lists files the package lacks: {', '.join(missing)}")
    if unlisted := sorted(present - set(listed)):
        raise ManifestError(f"{MANIFEST}: package files not listed: {', '.join(unlisted)}")
    href = scos[0].get("href", "")
    if href not in present:
        raise ManifestError(f"{MANIFEST}: the SCO's launch page {href!r} is not in the package")
    mastery = root.find(f".//{{{ADLCP}}}masteryscore")
    if mastery is not None:
        text = (mastery.text or "").strip()
        if not text.isdigit() or not 0 <= int(text) <= 100:
            raise ManifestError(f"{MANIFEST}: <adlcp:masteryscore> must be 0-100 (found {text!r})")
