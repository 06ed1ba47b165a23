"""The administrative check of what is on the form, and its one-paragraph summary.

The domain's ``check_applicant`` does the work; this adds what only the form knows (no working
area chosen yet, a typed date that is no date, another application with the same NIK) and keeps
every other rule visible while the area is still missing. What blocks Kirim is exactly what the
store blocks (``ApplicationService.submit``): every error except a missing document."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.qt import translate
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.fields import ERROR_COLOUR, WARNING_COLOUR, escape
from lapang_core.domain.findings import Finding, Severity, error, warning
from lapang_core.domain.recruitment import (
    DEFAULT_RULES,
    AdhocBody,
    Applicant,
    RecruitmentRules,
    check_applicant,
)
from lapang_core.domain.region import (
    InvalidRegionCode,
    RegionLevel,
    normalize_region_code,
    parent_code,
    region_level,
)

# Findings that do not stop an application from being received (ApplicationService._RECEIVABLE).
RECEIVABLE = frozenset({"document.missing"})
DUPLICATE = "application.duplicate_nik"


@dataclasses.dataclass(frozen=True)
class FormState:
    applicant: Applicant
    body: AdhocBody
    area_code: str
    form_findings: tuple[Finding, ...] = ()  # from the form itself (an impossible date)
    duplicate_nik: bool = False  # another application here has this NIK


def check_form(
    state: FormState, election_date: dt.date, rules: RecruitmentRules = DEFAULT_RULES
) -> list[Finding]:
    found: list[Finding] = []
    area_ok = matches_level(state.area_code, state.body)
    if not state.area_code:
        found.append(error("area.missing", "area", "Choose the working area."))
    elif not area_ok:
        found.append(error("area.invalid", "area", "The area does not fit this body."))
    # Without a valid area, check against the domicile so every other rule still shows.
    area = state.area_code if area_ok else _stand_in_area(state.applicant, state.body)
    checked = check_applicant(state.applicant, state.body, area, election_date, rules)
    for finding in checked.findings:
        if not area_ok and finding.code == "domicile.outside_area":
            continue
        if finding.code.endswith(".missing") and any(
            f.field == finding.field for f in state.form_findings
        ):
            continue  # the date was typed but is not a date: the form says that instead
        found.append(finding)
    found.extend(state.form_findings)
    if state.duplicate_nik:
        found.append(warning(DUPLICATE, "nik", "The NIK has another application here."))
    return found


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR and f.code not in RECEIVABLE]


def matches_level(area: str, body: AdhocBody) -> bool:
    """The picker offers areas of the body's own level: a kecamatan for PPK, a desa for PPS, and
    for KPPS and Pantarlih a TPS or, before PPS has placed the applicant, the TPS's desa."""
    try:
        level = region_level(area) if area else None
    except InvalidRegionCode:
        return False
    if body.level is RegionLevel.TPS:
        return level in (RegionLevel.TPS, RegionLevel.DESA)
    return level is body.level


def area_for_body(area: str, body: AdhocBody) -> str:
    """The area to keep when the officer switches body: the same area if it fits, the one that
    contains it (a TPS's desa for PPS, a desa's kecamatan for PPK), else nothing."""
    if matches_level(area, body):
        return area
    try:
        if region_level(area).digits > body.level.digits:
            return parent_code(area, body.level)
    except InvalidRegionCode:
        pass
    return ""


def _stand_in_area(applicant: Applicant, body: AdhocBody) -> str:
    try:
        domicile = normalize_region_code(applicant.domisili_kode)
        target = RegionLevel.DESA if body.level is RegionLevel.TPS else body.level
        return parent_code(domicile, target)
    except InvalidRegionCode:
        return "00.00.00.0000"


def has_content(applicant: Applicant) -> bool:
    """Something identifying was typed (an untouched new form leaves no empty draft behind)."""
    return any((applicant.nik, applicant.nama, applicant.tempat_lahir, applicant.alamat_ktp))


def _line(colour: str, text: str, mark: Severity | None = None) -> str:
    icon = f"{severity_mark_html(mark)} " if mark is not None else ""
    return f'<span style="color:{colour}">{icon}{escape(text)}</span>'


def summary_html(findings: list[Finding]) -> str:
    """What stands between the form and Kirim, in a few lines under the form."""
    stopping = blocking(findings)
    missing = [f for f in findings if f.code in RECEIVABLE]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    lines = []
    if stopping:
        fields: list[str] = []
        for f in stopping:
            label = (
                translate("RecruitmentSummary", "surat pernyataan")
                if f.code == "statement.missing"
                else wording.field_label(f.field)
            )
            if label not in fields:
                fields.append(label)
        count = len(stopping)  # a variable: lupdate misses strings whose call nests a call
        text = translate(
            "RecruitmentSummary",
            "Belum dapat dikirim: %n isian perlu dilengkapi atau dibetulkan",
            "",
            count,
        )
        lines.append(_line(ERROR_COLOUR, f"{text} — {', '.join(fields)}", Severity.ERROR))
    if missing:
        names = ", ".join(wording.field_label(f.field) for f in missing)
        text = translate(
            "RecruitmentSummary",
            "Dokumen belum diterima: %1. Boleh dikirim; tanda terima mencatat kekurangannya.",
        )
        lines.append(_line(WARNING_COLOUR, text.replace("%1", names)))
    if warnings:
        count = len(warnings)
        text = translate(
            "RecruitmentSummary", "%n peringatan: periksa sebelum mengirim.", "", count
        )
        lines.append(_line(WARNING_COLOUR, text, Severity.WARNING))
    if not lines:
        lines.append(
            _line("#2e7d32", translate("RecruitmentSummary", "✓ Semua persyaratan terpenuhi."))
        )
    return "<br>".join(lines)
