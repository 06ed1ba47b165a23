"""Pull: the device's area since its cursor, in pages, resumable; KPU announcements signed."""

from __future__ import annotations

import time
import uuid

from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord
from sync_server.app import create_app
from sync_server.config import ServerConfig
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer, serve


def test_first_download_pages_cover_the_area_exactly_once(live_server: LiveServer) -> None:
    dev = live_server.device()
    pages = dev.pull_all(limit=25)
    assert len(pages) > 4 and not pages[-1].more and all(pg.more for pg in pages[:-1])
    cursors = [pg.cursor for pg in pages]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    voters = [v for pg in pages for v in pg.voters]
    assert sorted(v.id for v in voters) == sorted(live_server.voter_id(i) for i in range(120))
    regions = {r.kode for pg in pages for r in pg.regions}
    assert {"14", "14.01", AREA, "14.01.01.2009"} <= regions
    assert all(r == "14" or r.startswith("14.01") for r in regions)
    assert "14.01.04" not in regions  # a neighbouring kecamatan is not this device's business
    assert {t for pg in pages for t in pg.tps} == {v.tps_id for v in voters}
    assert voters[0].to_record().nik == live_server.voters[0].nik


def test_pull_resumes_from_any_acknowledged_cursor(live_server: LiveServer) -> None:
    dev = live_server.device()
    first = dev.pull(0, limit=40)
    # The link dropped while page two was on its way: asking again gives the same page.
    second = dev.pull(first.cursor, limit=40)
    assert dev.pull(first.cursor, limit=40) == second
    rest = dev.pull_all(second.cursor, limit=40)
    ids = [v.id for pg in (first, second, *rest) for v in pg.voters]
    assert len(ids) == len(set(ids)) == 120
    idle = dev.pull(rest[-1].cursor)
    assert (idle.more, idle.voters, idle.cursor) == (False, (), rest[-1].cursor)


def test_after_a_push_only_what_changed_comes_down(live_server: LiveServer) -> None:
    a, b = live_server.device(), live_server.device()
    cursor = b.pull_all()[-1].cursor
    vid = live_server.voter_id(3)
    a.push([a.change("sesuai", vid)])
    (page,) = b.pull_all(cursor)
    assert [(v.id, v.version, v.keterangan) for v in page.voters] == [(vid, 2, "✓")]
    assert page.regions == () and page.tps == ()


def test_a_tps_device_sees_only_its_tps(live_server: LiveServer) -> None:
    tps = live_server.voters[0].tps_id
    dev = live_server.device(area=tps)
    pages = dev.pull_all()
    voters = [v for pg in pages for v in pg.voters]
    assert voters and {v.tps_id for v in voters} == {tps}
    assert {r.kode for pg in pages for r in pg.regions} == {"14", "14.01", AREA, tps[:-4]}


def test_announcements_are_signed_and_scoped(live_server: LiveServer) -> None:
    kpu = p.generate_key()
    for area, title in (("14.01", "Jadwal coklit"), ("52.04", "Other kabupaten"), ("", "Nasional")):
        live_server.repo.add_announcement(
            p.sign_announcement(
                kpu, uuid.uuid4().hex, area, title, "Isi.", "2025-03-01T00:00:00+00:00"
            )
        )
    dev = live_server.device()
    announcements = [a for pg in dev.pull_all() for a in pg.announcements]
    assert sorted(a.title for a in announcements) == ["Jadwal coklit", "Nasional"]
    assert all(a.verify(kpu.public_key()) for a in announcements)
    assert not any(a.verify(p.generate_key().public_key()) for a in announcements)


def test_bad_pull_queries_are_refused(live_server: LiveServer) -> None:
    dev = live_server.device()
    for path in (
        "/v1/pull?cursor=-1",
        "/v1/pull?cursor=abc",
        "/v1/pull?limit=0",
        "/v1/pull?limit=99999",
    ):
        response = dev.request("GET", path)
        assert response.status_code == 400, path
        assert type(p.ProtocolError.from_response(400, response.content)) is p.MalformedRequest


def test_a_pull_of_an_unknown_version_is_refused_with_the_versions_spoken(
    live_server: LiveServer,
) -> None:
    """A laptop newer than the server steps down to a version the refusal names
    (docs/sync-protocol.md §1); a query that is not a version at all stays malformed."""
    dev = live_server.device()
    response = dev.request("GET", "/v1/pull?cursor=0&v=4")
    assert response.status_code == 400
    error = p.ProtocolError.from_response(400, response.content)
    assert type(error) is p.UnsupportedProtocol
    assert error.details["supported"] == list(p.DOC_VERSIONS) == [1, 2, 3]
    for bad in ("0", "x", "-3"):
        response = dev.request("GET", f"/v1/pull?cursor=0&v={bad}")
        assert response.status_code == 400, bad
        assert type(p.ProtocolError.from_response(400, response.content)) is p.MalformedRequest
    assert dev.pull(0, version=3).voters  # and the newest it names is served


def test_signatures_survive_a_prefix_stripping_proxy(
    server_config: ServerConfig,
    demo_regions: list[tuple[str, str]],
    area_voters: list[VoterRecord],
) -> None:
    """KPU mounts the API under /lapang behind a proxy that strips it; the device signs the
    path from the API root, so nothing changes for it."""
    app = create_app(server_config)
    app.state.repository.load_regions(demo_regions, time.time())
    app.state.repository.load_voters(area_voters[:5], time.time())
    server, thread, url = serve(app, root_path="/lapang")
    try:
        dev = DeviceClient(url)  # the proxy already stripped /lapang from what reaches us
        code = app.state.repository.create_enroll_code(AREA, 1, time.time())
        assert dev.enroll(code).status_code == 200
        assert len([v for pg in dev.pull_all() for v in pg.voters]) == 5
    finally:
        server.should_exit = True
        thread.join(10)
