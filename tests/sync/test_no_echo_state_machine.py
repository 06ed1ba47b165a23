"""No echo, proved by a state machine (issue 14): whatever happens in between — saves of every
kind on three laptops with overlapping areas, recruitment applications (PPS at the desa, some
sharing a NIK; KPPS at the TPS), conflicts, KPU edits, a server-side normaliser, KPU's
decisions on applications, syncs in any order through links that reset or lose the answer, a
sync killed with SIGKILL — after a final sync of every laptop each one holds exactly the
server's voter rows of its area and the application outcomes the server holds for it. The push
answer told each laptop the versions its own changes made and its pulls left those rows out;
if that ever left a laptop different from the server, this fails.

Real parts only: SQLCipher vaults, the sync server on loopback, the engine in this process or
in a child process for the kill. ``LAPANG_NO_ECHO_EXAMPLES`` (default 20) and
``LAPANG_NO_ECHO_STEPS`` (default 40) set how long it runs; CI keeps the defaults (about a
minute), a longer hunt is e.g. ``LAPANG_NO_ECHO_EXAMPLES=200``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from desktop_app.store.application_service import ApplicationService
from desktop_app.store.errors import StoreError
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import RetryPolicy
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.voter import VoterRecord
from sync_server import decisions
from sync_server.applications import list_applications
from sync_server.errors import AdminError
from sync_server.rules import record_from_row
from tests.conftest import OFFICER, PASSPHRASE
from tests.store.test_application_service import _applicant
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.echo_helpers import (
    differences,
    laptop_outcomes,
    laptop_rows,
    server_outcomes,
    server_rows,
)

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DESA = "14.01.01.1011"
TPS = (f"{DESA}.001", f"{DESA}.002", f"{DESA}.003")
# Two laptops of the desa's PPS and a Pantarlih at one of its TPS: every row of that TPS is
# seen by all three.
AREAS = {"pps-1": DESA, "pps-2": DESA, "tps-1": TPS[0]}
EXAMPLES = int(os.environ.get("LAPANG_NO_ECHO_EXAMPLES", "20"))
STEPS = int(os.environ.get("LAPANG_NO_ECHO_STEPS", "40"))
RETRY = RetryPolicy(attempts=3, first_delay=0.01, max_delay=0.02)
# A laptop may write an address in any case and spacing; KPU's normaliser writes it upper case
# with single spaces.
ADDRESSES = ("DUSUN II", "dusun  iii", "Jl. Merdeka  17", "JL. SUDIRMAN 4")
BORN = dt.date(1991, 8, 3)
ELECTION = dt.date(2029, 2, 14)
# KPU's decisions an admin may record on an application, in any order (a refused one is skipped).
DECISIONS = (
    ("administrative_check", "passed"),
    ("administrative_check", "failed"),
    ("written_test", None),
)


def _voters() -> list[VoterRecord]:
    records = area_voters(18, area=DESA, seed=14)
    return [dataclasses.replace(r, tps_id=TPS[i % 2]) for i, r in enumerate(records)]


VOTERS = _voters()


@functools.cache
def _recovery_pem() -> bytes:
    """KPU's recovery public key for the vaults (made once; the private half is not needed)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def _normalised(text: str) -> str:
    return " ".join(text.upper().split())


@dataclasses.dataclass
class Laptop:
    name: str
    area: str
    data_dir: pathlib.Path
    proxy: FaultProxy
    store: FieldStore
    engine: SyncEngine
    device_id: str

    def reopen(self) -> None:
        self.store = Vault(self.data_dir).unlock(OFFICER, PASSPHRASE)
        self.engine = SyncEngine.for_store(self.store, kpu_key=None, retry=RETRY)

    def close(self) -> None:
        self.engine.client.close()
        self.store.close()


class NoEchoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="lapang-no-echo-"))
        self.server: RunningServer = start_server(self.folder / "server", voters=VOTERS)
        self.laptops: list[Laptop] = []
        for name, area in AREAS.items():
            self.laptops.append(self._enroll(name, area))
        self.kills = 0
        self.born = 0  # barus saved, for their NIKs
        self.applicants = 0  # applicants taken, for their NIKs

    def _enroll(self, name: str, area: str) -> Laptop:
        data_dir = self.folder / name
        store = Vault(data_dir).create(OFFICER, PASSPHRASE, _recovery_pem(), kdf=TEST_KDF)
        proxy = FaultProxy(("127.0.0.1", self.server.port)).start()
        result, engine = enroll(
            store, proxy.url, self.server.code(area), label=name, retry=RETRY, kpu_key=None
        )
        assert result.area_downloaded
        store.set_election_date(ELECTION)
        return Laptop(name, area, data_dir, proxy, store, engine, result.device_id)

    # -- what officers do -----------------------------------------------------------------
    def _rows(self, laptop: Laptop, where: str = "1") -> list[tuple[str, str, str]]:
        return laptop.store.db.execute(
            # By pk (download, then save order): the same steps pick the same voters when
            # hypothesis replays them, whatever random ids the barus got.
            f"SELECT id, tps_id, keterangan FROM voters WHERE {where} ORDER BY pk"
        ).fetchall()

    @rule(data=st.data(), laptop=st.integers(0, 2))
    def sesuai(self, data: st.DataObject, laptop: int) -> None:
        self._save(data, self.laptops[laptop], "keterangan = ''", "sesuai")

    @rule(data=st.data(), laptop=st.integers(0, 2), rt=st.integers(1, 30))
    def ubah_rt(self, data: st.DataObject, laptop: int, rt: int) -> None:
        self._save(data, self.laptops[laptop], "1", "ubah", {"rt": f"{rt:03d}"})

    @rule(data=st.data(), laptop=st.integers(0, 2), address=st.sampled_from(ADDRESSES))
    def ubah_alamat(self, data: st.DataObject, laptop: int, address: str) -> None:
        self._save(data, self.laptops[laptop], "1", "ubah", {"alamat": address})

    @rule(data=st.data(), laptop=st.integers(0, 2))
    def tms(self, data: st.DataObject, laptop: int) -> None:
        self._save(data, self.laptops[laptop], "keterangan NOT GLOB '[1-8]'", "tms")

    @rule(data=st.data(), laptop=st.integers(0, 2))
    def restore(self, data: st.DataObject, laptop: int) -> None:
        self._save(data, self.laptops[laptop], "keterangan GLOB '[1-7]'", "restore")

    @rule(data=st.data(), laptop=st.integers(0, 1), to=st.sampled_from(TPS))
    def tms8_move(self, data: st.DataObject, laptop: int, to: str) -> None:
        self._save(data, self.laptops[laptop], "keterangan = ''", "tms8", to)

    @rule(laptop=st.integers(0, 2), tps=st.sampled_from(TPS))
    def baru(self, laptop: int, tps: str) -> None:
        device = self.laptops[laptop]
        if not (tps == device.area or tps.startswith(device.area + ".")):
            tps = device.area if device.area.count(".") == 4 else TPS[0]
        self.born += 1
        nik = f"14010141{self.born:08d}"
        record = dataclasses.replace(
            VOTERS[0], nik=nik, nama="WARGA BARU", tps_id=tps, dpid=None, keterangan=""
        )
        # The desk may refuse it (a finding on the synthetic NIK): then nothing is saved.
        with contextlib.suppress(StoreError):
            VoterService(device.store).add_baru(record)

    @rule(laptop=st.integers(0, 2), same_nik_as=st.integers(0, 3))
    def apply(self, laptop: int, same_nik_as: int) -> None:
        """An applicant applies: to the PPS at a desa laptop, to a KPPS at the TPS laptop. A PPS
        applicant may share a NIK with an earlier one (``same_nik_as`` back; 0: a new person).
        Sharing stays among PPS of the desa, where every device receiving a row may see the
        other: a quietly listed duplicate (docs/sync-protocol.md §6) stays as it is even
        without no echo, so it has no place in a proof of "equal to a fresh pull"."""
        device = self.laptops[laptop]
        on_tps = device.area.count(".") == 4
        self.applicants += 1
        serial = self.applicants
        if not on_tps and 0 < same_nik_as < serial:
            serial -= same_nik_as
        body = AdhocBody.KPPS if on_tps else AdhocBody.PPS
        if on_tps:
            serial += 5000  # never a PPS applicant's NIK
        applicant = _applicant(
            nik=encode_nik(DESA.rsplit(".", 1)[0], BORN, "P", serial),
            tanggal_lahir=BORN,
            domisili_kode=DESA,
        )
        service = ApplicationService(device.store)
        with contextlib.suppress(StoreError):
            service.submit(service.save_draft(applicant, body, device.area))

    def _save(self, data: st.DataObject, laptop: Laptop, where: str, op: str, *arg: object) -> None:
        rows = self._rows(laptop, where)
        if not rows:
            return
        # An index, not sampled_from(rows): what is drawn must not depend on the state.
        voter_id, tps_id, _ = rows[data.draw(st.integers(0, 10**6)) % len(rows)]
        service = VoterService(laptop.store)
        try:
            if op == "sesuai":
                service.mark_sesuai(voter_id)
            elif op == "ubah":
                service.ubah(voter_id, arg[0])
            elif op == "tms":
                service.mark_tms(voter_id, 1, "akta_kematian", "474.3/1/2025")
            elif op == "restore":
                service.restore(voter_id)
            elif op == "tms8" and arg[0] != tps_id:
                service.tms8_move(voter_id, str(arg[0]))
        except StoreError:
            pass  # refused by the desk's own rules: nothing saved, as for the officer

    # -- what KPU does ----------------------------------------------------------------------
    @rule(index=st.integers(0, len(VOTERS) - 1), address=st.sampled_from(ADDRESSES))
    def kpu_edit(self, index: int, address: str) -> None:
        """KPU loads a corrected row of its list (every element back to the list's, a new
        address)."""
        edited = dataclasses.replace(VOTERS[index], alamat=_normalised(address) + " (KPU)")
        self.server.repo.load_voters([edited], time.time())

    @rule(index=st.integers(0, len(VOTERS) - 1))
    def kpu_normalises(self, index: int) -> None:
        """KPU's normaliser rewrites a row's address upper case with single spaces — a row a
        laptop's own change may just have made."""
        current = self.server.voter_row(self.server.voter_id(index))
        if current["alamat"] != _normalised(current["alamat"]):
            record = dataclasses.replace(
                record_from_row(current), alamat=_normalised(current["alamat"])
            )
            self.server.repo.load_voters([record], time.time())

    @rule(index=st.integers(0, 10**6), decision=st.sampled_from(DECISIONS))
    def kpu_decides(self, index: int, decision: tuple[str, str | None]) -> None:
        """KPU records a decision on an application it received (any laptop's)."""
        received = list_applications(self.server.repo)
        if not received:
            return
        number = received[index % len(received)].application_no
        stage, result = decision
        with contextlib.suppress(AdminError):  # not a decision this stage allows now
            decisions.set_stage(self.server.repo, number, stage, result=result, now=time.time())

    # -- syncing ----------------------------------------------------------------------------
    @rule(laptop=st.integers(0, 2), fault=st.sampled_from(["none", "reset", "lost_answer"]))
    def sync(self, laptop: int, fault: str) -> None:
        device = self.laptops[laptop]
        if fault == "reset":
            device.proxy.configure(reset_every=2500, reset_jitter=0.5)
        elif fault == "lost_answer":
            device.proxy.configure(cut_answers=1)
        try:
            report = device.engine.run_once()
        finally:
            device.proxy.configure(reset_every=None, cut_answers=0)
        assert report.outcome in ("ok", "offline", "partial"), report

    @precondition(lambda self: self.kills < 2)
    @rule(laptop=st.integers(0, 2), nth=st.integers(1, 3))
    def sync_killed(self, laptop: int, nth: int) -> None:
        """The laptop's sync process dies (SIGKILL) the moment the server's ``nth`` answer
        starts back: the server has done the work, the laptop has not heard."""
        self.kills += 1
        device = self.laptops[laptop]
        device.close()
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.engine_child",
                str(device.data_dir),
                OFFICER,
                PASSPHRASE,
            ],
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        answers = 0

        def kill() -> None:
            nonlocal answers
            answers += 1
            if answers == nth:
                os.kill(child.pid, signal.SIGKILL)

        device.proxy.on_answer = kill
        try:
            _, err = child.communicate(timeout=60)
        finally:
            device.proxy.on_answer = None
        # Killed, or it finished before the nth answer: both are a laptop's life.
        assert child.returncode in (0, -signal.SIGKILL), err
        device.reopen()

    # -- the proof ---------------------------------------------------------------------------
    def teardown(self) -> None:
        try:
            self._final_sync_and_compare()
        finally:
            for laptop in self.laptops:
                laptop.close()
                laptop.proxy.stop()
            self.server.stop()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _final_sync_and_compare(self) -> None:
        # Round one sends every laptop's queue; round two brings everyone the others' news.
        for _ in range(2):
            for laptop in self.laptops:
                report = laptop.engine.run_once()
                assert report.ok, (laptop.name, report.outcome, report.error_message)
        for laptop in self.laptops:
            # A baru KPU refused exists only on the laptop that made it (shown to the officer
            # in quarantine); nothing else may differ.
            refused_new = {
                row[0]
                for row in laptop.store.db.execute(
                    "SELECT entity_id FROM outbox WHERE state = 'refused' AND op = 'baru'"
                )
            }
            held = laptop_rows(laptop.store, exclude=refused_new)
            assert differences(held, server_rows(self.server.repo, laptop.area)) == [], laptop.name
            outcomes = server_outcomes(self.server.repo, laptop.device_id)
            assert differences(laptop_outcomes(laptop.store), outcomes) == [], laptop.name


NoEchoMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class TestNoEcho(NoEchoMachine.TestCase):
    pass
