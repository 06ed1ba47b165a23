"""The one helper that runs ``python -m sync_server serve`` in a process of its own
(``tests/support/server_process.py``) serves a benchmark's settings and certificate too."""

from __future__ import annotations

import pathlib

import pytest

from lapang_core import protocol as p
from sync_server.config import ServerConfig
from tests.support.certs import make_tls
from tests.support.server_process import ServerProcess, serve_options
from tests.support.sync_env import area_voters, start_server
from tests.sync_server.sync_helpers import DeviceClient


def test_a_loaded_config_is_served_over_https_from_a_process_of_its_own(
    tmp_path: pathlib.Path,
) -> None:
    tls = make_tls(tmp_path / "tls")
    server = start_server(
        tmp_path / "server", voters=area_voters(30), tls=(tls.server_cert, tls.server_key)
    )
    server.stop_serving()  # as the sync benchmark does: the process serves, the test reads
    try:
        with ServerProcess(server.config, tls=(tls.server_cert, tls.server_key)) as child:
            assert child.url.startswith("https://")
            laptop = DeviceClient(child.url)
            # The test CA only, as the app pins it (a CA bundle named in the environment
            # would take the place of a session's own).
            laptop.http.trust_env = False
            laptop.http.verify = str(tls.ca_cert)
            assert laptop.enroll(server.code()).status_code == 200
            response = laptop.request("GET", p.pull_path(0, 500))
            assert response.status_code == 200, response.text
            assert len(p.PullPage.decode(response.content).voters) == 30
    finally:
        server.repo.close()


def test_a_setting_the_serve_command_cannot_give_is_refused(tmp_path: pathlib.Path) -> None:
    config = ServerConfig(db_path=tmp_path / "server.db", max_body_bytes=256 * 1024)
    with pytest.raises(ValueError, match="max_body_bytes"):
        serve_options(config)
