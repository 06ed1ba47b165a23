"""The server applies the rules of issue 16 where it receives a record, the same rules the
desk applies (lapang_core/domain), so a change the desk accepts is never refused for them.
Expected answers come from the domain note (../shared/domain/kpu-domain.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from lapang_core import protocol as p
from sync_server.rules import server_today, unknown_voter
from tests.sync_server.application_helpers import submission, synthetic_nik
from tests.sync_server.sync_helpers import LiveServer, baru_payload

S = p.ChangeStatus
PHOTO_SHA = hashlib.sha256(b"synthetic evidence photo").hexdigest()


def _baru(live_server: LiveServer, **changes):
    payload = baru_payload(live_server.voters[0], tps_id=live_server.voters[0].tps_id)
    payload["nik"] = live_server.voters[0].nik  # a valid synthetic NIK; the id is new
    return payload | changes


def _push_one(dev, change):
    return dev.push([change]).results[0]


def test_a_married_new_voter_born_after_today_is_refused(live_server: LiveServer) -> None:
    # Note §4: marriage exempts from the age rule, not from being born (issue 16 item 1).
    dev = live_server.device()
    born = (server_today() + dt.timedelta(days=200)).isoformat()
    payload = _baru(live_server, tanggal_lahir=born, status_perkawinan="S")
    result = _push_one(dev, dev.change("baru", uuid.uuid4().hex, payload, base_version=None))
    assert result.status is S.REFUSED and "tanggal_lahir.future" in result.message


def _voter_with(live_server: LiveServer, status: str) -> tuple[str, dict]:
    for i, record in enumerate(live_server.voters):
        if record.status_perkawinan == status:
            vid = live_server.voter_id(i)
            return vid, live_server.voter_row(vid)
    raise AssertionError(f"the synthetic list has no voter with status {status}")


def _tms(dev, vid, code, evidence_type, ref, attachment=None):
    payload = {
        "code": code,
        "evidence_type": evidence_type,
        "evidence_ref": ref,
        "attachment": attachment,
    }
    return dev.change("tms", vid, payload)


def test_tms3_on_a_married_voter_is_refused(live_server: LiveServer) -> None:
    # Note §3: TMS-3 is "under 17 on election day and never married"; the case was a
    # married 49-year-old.
    dev = live_server.device()
    vid, before = _voter_with(live_server, "S")
    result = _push_one(dev, _tms(dev, vid, 3, "dokumen_tanggal_lahir", "KK 123", PHOTO_SHA))
    assert result.status is S.REFUSED and "tms.under_age_married" in result.message
    assert live_server.voter_row(vid)["keterangan"] == before["keterangan"]


def test_tms3_the_birth_date_contradicts_needs_the_evidence_photo(live_server) -> None:
    dev = live_server.device()
    vid, _ = _voter_with(live_server, "B")  # synthetic voters are all 17+ on election day
    bare = _push_one(dev, _tms(dev, vid, 3, "dokumen_tanggal_lahir", "Akta 12/2013"))
    assert bare.status is S.REFUSED and "tms.attachment_required" in bare.message
    shown = _push_one(dev, _tms(dev, vid, 3, "dokumen_tanggal_lahir", "Akta 12/2013", PHOTO_SHA))
    assert shown.status is S.ACCEPTED
    assert live_server.voter_row(vid)["keterangan"] == "3"


def test_tms2_names_an_existing_other_record(live_server: LiveServer) -> None:
    # Note §3: TMS-2's evidence is "the other record's NIK / id".
    dev = live_server.device()
    first, second = live_server.voter_id(0), live_server.voter_id(1)
    unknown = _push_one(dev, _tms(dev, first, 2, "data_ganda", uuid.uuid4().hex))
    assert unknown.status is S.REFUSED and "tms.attachment_required" in unknown.message
    known = _push_one(dev, _tms(dev, first, 2, "data_ganda", second))
    assert known.status is S.ACCEPTED
    # The other one can no longer be marked a duplicate of the first: nobody would stay.
    back = _push_one(dev, _tms(dev, second, 2, "data_ganda", first))
    assert back.status is S.REFUSED and "tms.ganda_other_tms" in back.message


def test_baru_after_tni_polri_needs_the_sk_and_active_members_are_refused(live_server) -> None:
    # Note §3 Baru: "retired from TNI/Polri (proof: SK pemberhentian)"; §4: not active TNI/Polri.
    dev = live_server.device()
    without_sk = _baru(live_server, status_tni_polri="berhenti")
    refused = _push_one(dev, dev.change("baru", uuid.uuid4().hex, without_sk, base_version=None))
    assert refused.status is S.REFUSED and "sk_pemberhentian.missing" in refused.message
    with_sk = without_sk | {"sk_pemberhentian": "SKEP/12/III/2025"}
    accepted = _push_one(dev, dev.change("baru", uuid.uuid4().hex, with_sk, base_version=None))
    assert accepted.status is S.ACCEPTED
    active = _baru(live_server, status_tni_polri="aktif")
    result = _push_one(dev, dev.change("baru", uuid.uuid4().hex, active, base_version=None))
    assert result.status is S.REFUSED and "eligibility.tni_polri_aktif" in result.message
    revoked = _baru(live_server, hak_pilih_dicabut=True)
    result = _push_one(dev, dev.change("baru", uuid.uuid4().hex, revoked, base_version=None))
    assert result.status is S.REFUSED and "eligibility.hak_pilih_dicabut" in result.message


def test_application_inside_the_party_cooloff_is_refused(live_server: LiveServer) -> None:
    # Note §6 (PKPU 8/2022 Pasal 35): "not a party member, or out for 5 years".
    dev = live_server.device()
    today = server_today()
    recent = submission(dev, synthetic_nik(901))
    form = recent["payload"]["form"]
    form["ex_party_member"] = True
    form["tanggal_keluar_partai"] = today.replace(year=today.year - 3).isoformat()
    result = _push_one(dev, recent)
    assert result.status is S.REFUSED and "party.cooloff" in result.message
    # A laptop from before the leaving date existed sends none: still filed (wire compatible).
    old_laptop = submission(dev, synthetic_nik(902))
    old_laptop["payload"]["form"]["ex_party_member"] = True
    assert _push_one(dev, old_laptop).status is S.ACCEPTED


def test_tms_rules_say_nothing_about_voters_outside_the_devices_area(live_server) -> None:
    # A device for one TPS learns nothing about other TPSs' voters from which rule refused:
    # a married voter elsewhere is unknown_voter, word for word as an id KPU never had (not
    # "married", not even "outside the area"); a TMS-2 naming a voter
    # elsewhere is judged as the laptop judges it (not on its list: the photo is needed).
    here = live_server.voters[0].tps_id
    elsewhere = f"{here.rsplit('.', 1)[0]}.002"
    married, _ = _voter_with(live_server, "S")
    live_server.repo.write(
        lambda tx: tx.sql.run("UPDATE voters SET tps_id = ? WHERE id = ?", (elsewhere, married))
    )
    inside = next(
        live_server.voter_id(i)
        for i in range(len(live_server.voters))
        if live_server.voter_id(i) != married
    )
    dev = live_server.device(area=here)
    probe = _push_one(dev, _tms(dev, married, 3, "dokumen_tanggal_lahir", "KK", PHOTO_SHA))
    assert probe.status is S.REFUSED and probe.reason == "unknown_voter"
    assert probe.message == unknown_voter().message
    result = _push_one(dev, _tms(dev, inside, 2, "data_ganda", married))
    assert result.status is S.REFUSED and "tms.attachment_required" in result.message
