"""Return bundles at the server, on SQLite and PostgreSQL: what one holds (the changes the server
holds for the device, the area's news since its cursor), sealed to the device's own encryption
key and signed by the server's return key; ``return-keygen`` and ``return-bundle`` as KPU's
operator runs them; a device without an encryption key gets a clear refusal, nothing written."""

from __future__ import annotations

import os
import pathlib
import stat

import pytest

from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.return_bundle import ReturnBundle
from sync_server.return_bundle import NoEncryptionKey, load_signing_key, write_return_bundle
from tests.sync_server.sync_helpers import DeviceClient, LiveServer
from tests.sync_server.test_server_bundles import office  # noqa: F401, F811 (fixture)
from tests.sync_server.test_server_cli import cli


def _device_with_key(live_server: LiveServer) -> tuple[DeviceClient, object]:
    client = live_server.device()
    key = p.generate_encryption_key()
    body = p.DeviceKeyRequest(p.encryption_key_text(key)).encode()
    response = client.request("POST", "/v1/device-key", body, content_type="application/json")
    assert response.status_code == 200, response.text
    return client, key


def _open(path: pathlib.Path, encryption_key, signing_public) -> tuple[dict, ReturnBundle]:
    header, content = seal.open_sealed(
        path.read_bytes(), encryption_key, lambda h: signing_public if h["from"] == "kpu" else None
    )
    return header, ReturnBundle.decode(content)


def test_a_return_bundle_holds_the_acknowledgements_and_the_news_since_the_cursor(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    client, key = _device_with_key(live_server)
    cursor = client.pull_all()[-1].cursor
    ids = [live_server.voter_id(i) for i in range(4)]
    client.push([client.change("sesuai", ids[0]), client.change("ubah", ids[1], _ubah())])
    client.push([client.change("sesuai", ids[2], seq=4)])  # seq 3 missing: held
    client.push([client.change("ubah", "0" * 32, _ubah())])  # seq 3 arrives: refused
    signing = p.generate_key()

    written = write_return_bundle(
        live_server.repo, signing, client.device_id, tmp_path, since=cursor
    )

    header, bundle = _open(written.path, key, signing.public_key())
    assert header["kind"] == "return" and header["to"] == client.device_id
    assert bundle.device_id == client.device_id and bundle.number == 1
    assert bundle.acknowledged == ((1, 2), (4, 4)) and bundle.applied_through == 4
    assert (bundle.since, bundle.cursor) == (cursor, written.cursor)
    pages = bundle.pull_pages()
    voters = {v.id for page in pages for v in page.voters}
    assert voters == {ids[0], ids[1], ids[2]}  # the news since the cursor, nothing older
    assert [r.seq for page in pages for r in page.refusals] == [3]
    assert not pages[-1].more and bundle.cursor > cursor
    # The next one gets the next number and starts where the last "since" was.
    again = write_return_bundle(live_server.repo, signing, client.device_id, tmp_path)
    _, second = _open(again.path, key, signing.public_key())
    assert second.number == 2 and second.since == cursor
    assert again.path != written.path
    # Nobody but the device opens it; nothing readable is in the file.
    with pytest.raises(seal.BundleNotForUs):
        _open(written.path, p.generate_encryption_key(), signing.public_key())
    assert ids[0].encode() not in written.path.read_bytes()


def _ubah() -> dict:
    return {"changes": {"rt": "005"}, "original": {"rt": "001"}}


def test_a_device_without_an_encryption_key_gets_no_bundle(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    client = live_server.device()
    out = tmp_path / "stick"
    out.mkdir()
    with pytest.raises(NoEncryptionKey, match="no encryption key yet"):
        write_return_bundle(live_server.repo, p.generate_key(), client.device_id, out)
    assert list(out.iterdir()) == []


def test_the_operator_makes_the_key_and_writes_the_bundle(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    client, key = _device_with_key(live_server)
    client.push([client.change("sesuai", live_server.voter_id(0))])
    key_file = tmp_path / "return.pem"
    made = cli("return-keygen", key_file, db=live_server.db)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    public = p.load_public_key(made.stdout.strip())
    again = cli("return-keygen", key_file, db=live_server.db)
    assert again.returncode == 1 and "never overwritten" in again.stderr

    out = tmp_path / "stick"
    out.mkdir()
    done = cli(
        "return-bundle", client.device_id, "--out", out, "--return-key", key_file, db=live_server.db
    )
    assert done.returncode == 0, done.stderr
    (path,) = out.iterdir()
    assert str(path) in done.stdout and "1 change(s) acknowledged" in done.stdout
    _, bundle = _open(path, key, public)
    assert bundle.acknowledged == ((1, 1),)
    assert p.public_key_text(load_signing_key(key_file)) == p.public_key_text(public)

    missing = cli("return-bundle", client.device_id, "--out", out, db=live_server.db)
    assert missing.returncode == 1 and "--return-key" in missing.stderr
    unknown = cli(
        "return-bundle", "f" * 32, "--out", out, "--return-key", key_file, db=live_server.db
    )
    assert unknown.returncode == 1 and "No device" in unknown.stderr
    assert len(list(out.iterdir())) == 1


def test_import_bundle_writes_the_return_bundle_the_laptop_applies(office, capsys) -> None:  # noqa: F811
    """KPU's office, both backends: `import-bundle FILE --returns DIR` applies the laptop's
    bundle and writes its return bundle; the laptop applies that and its changes are confirmed
    (until then they show as sealed)."""
    from desktop_app.store import change_standing, outbox
    from desktop_app.store.change_standing import Standing
    from desktop_app.store.voter_service import VoterService
    from desktop_app.sync.bundle_import import import_return_bundle
    from sync_server import cli as server_cli
    from sync_server.return_bundle import create_signing_key

    service = VoterService(office.store)
    for voter_id in office.voter_ids[:2]:
        service.mark_sesuai(voter_id)
    exported = office.export()
    standings = {c.standing for c in change_standing.recent_changes(office.store.db)}
    assert standings == {Standing.SEALED}
    key_file = office.tmp / "return.pem"
    public = p.load_public_key(create_signing_key(key_file))
    returns = office.tmp / "returns"
    returns.mkdir()
    common = ["--db", str(office.config.database), "--bundle-key", str(office.key_file)]
    common += ["--attachments", str(office.config.attachments_root)]
    status = server_cli.main(
        ["import-bundle", *common, str(exported.path), "--returns", str(returns)]
        + ["--return-key", str(key_file)]
    )
    out = capsys.readouterr().out
    assert status == 0
    (returned,) = returns.iterdir()
    assert f"return bundle for the laptop: {returned}" in out

    applied = import_return_bundle(office.store, returned, public)
    assert applied.confirmed == 2
    assert outbox.counts(office.store.db) == {"pending": 0, "sent": 2, "refused": 0}
    standings = {c.standing for c in change_standing.recent_changes(office.store.db)}
    assert standings == {Standing.CONFIRMED}
