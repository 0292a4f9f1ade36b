"""Kill a writer with SIGKILL at random moments; every acknowledged commit must survive and
every multi-row change must be all-or-nothing.

Most rounds fork the writer from this (already warmed-up) process, so 200+ kills take
seconds; a few rounds start a real ``python`` subprocess, like a user's killed window.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from store.repository import Repository
from tests.store.penulis_crash import TAHUN_GANTI, TAHUN_TUMBUH, jalan, siapkan

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"),
                                reason="SIGKILL and fork are POSIX-only; Windows has no equivalent kill")

ROOT = Path(__file__).resolve().parents[2]


def terapkan(state: dict, op: list[str]) -> dict:
    s = {"subs": dict(state["subs"]), "progs": set(state["progs"]), "ganti": state["ganti"]}
    jenis, arg = op[0], op[1]
    if jenis == "tambah":
        s["subs"][arg] = Decimal(arg.rsplit("-", 1)[1])
    elif jenis == "hapus":
        s["subs"].pop(arg)
    elif jenis == "ubah":
        s["subs"][arg] = Decimal(op[2])
    elif jenis == "program":
        s["progs"].add(arg)
    elif jenis == "hapus-program":
        s["progs"].discard(arg)
    elif jenis == "ganti":
        s["ganti"] = arg
    return s


def keadaan(db: Path) -> dict:
    """The database as the next (writable) open sees it, checking structure on the way."""
    with Repository(db) as repo:  # writable: replays the journal, drops a torn tail, takes a stale lock
        lap = repo.muat(TAHUN_TUMBUH)
        dasar = lap.program[0].kegiatan[0]
        subs = {s.nama: s.pagu for s in dasar.subkegiatan if s.nama.startswith("x")}
        progs = set()
        for p in lap.program[1:]:
            # a program added in one transaction is whole: 2 kegiatan × 3 subkegiatan
            assert [len(k.subkegiatan) for k in p.kegiatan] == [3, 3], p.id
            progs.add(p.id)
        keg_keys = {d["key"] for d in repo.db.table("kegiatan")}
        prog_ids = {(d["tahun"], d["id"]) for d in repo.db.table("program")}
        assert all((d["tahun"], d["program"]) in prog_ids for d in repo.db.table("kegiatan")), "kegiatan yatim"
        assert all(d["kegiatan"] in keg_keys for d in repo.db.table("subkegiatan")), "subkegiatan yatim"
        g = repo.muat(TAHUN_GANTI)
        tanda = g.instansi.nama
        # an import with --replace is whole: every row carries the same mark
        assert all(s.nama.startswith(tanda + " ") for _, _, s in g.semua_subkegiatan()), tanda
        assert all(k.nama.startswith(tanda + " ") for p in g.program for k in p.kegiatan)
        assert repo.tahun_tersedia() == [TAHUN_TUMBUH, TAHUN_GANTI]
    return {"subs": subs, "progs": progs, "ganti": tanda}


def periksa_putaran(db: Path, sebelum: dict, baris: list[str]) -> dict:
    state, tertunda = sebelum, None
    for line in baris:
        kata = line.split()
        if not kata:
            continue
        if kata[0] == "mau":
            tertunda = kata[1:]
        elif kata[0] == "ok":
            assert kata[1:] == tertunda
            state, tertunda = terapkan(state, kata[1:]), None
        elif kata[0] == "galat":
            pytest.fail("penulis gagal: " + line)
    nyata = keadaan(db)
    boleh = [state] + ([terapkan(state, tertunda)] if tertunda else [])
    assert nyata in boleh, f"setelah {baris[-3:]}: {nyata} bukan {boleh}"
    return nyata


def _anak(db: Path, seed: int, w: int) -> None:
    out = os.fdopen(w, "w", encoding="utf-8")
    try:
        jalan(db, seed, out)
    except BaseException as e:  # noqa: BLE001 - report to the parent instead of dying silently
        try:
            out.write(f"galat {type(e).__name__}: {e}\n")
            out.flush()
        finally:
            os._exit(3)
    os._exit(0)


def test_sigkill_forked_writer_200_times(tmp_path):
    db = tmp_path / "lkjip.json"
    siapkan(db)
    state = keadaan(db)
    rnd = random.Random(20261127)
    jenis_ok: dict[str, int] = {}
    t0 = time.monotonic()
    for putaran in range(220):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(r)
            _anak(db, putaran, w)
        os.close(w)
        # mostly short, sometimes long enough for compactions and reopenings
        time.sleep(rnd.choices([rnd.uniform(0, 0.02), rnd.uniform(0.01, 0.08), rnd.uniform(0.05, 0.25)], [5, 4, 1])[0])
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)  # reaped: its pid is dead, so its lock is stale
        with os.fdopen(r, encoding="utf-8") as f:
            baris = f.read().splitlines()
        state = periksa_putaran(db, state, baris)
        for b in baris:
            if b.startswith("ok "):
                jenis_ok[b.split()[1]] = jenis_ok.get(b.split()[1], 0) + 1
    # the workload really grew and shrank, whole programs and years came and went
    assert sum(jenis_ok.values()) > 300, jenis_ok
    assert all(jenis_ok.get(k, 0) >= 3 for k in ("tambah", "hapus", "ubah", "program", "hapus-program", "ganti")), jenis_ok
    assert time.monotonic() - t0 < 120


def test_sigkill_real_subprocess(tmp_path):
    db = tmp_path / "lkjip.json"
    siapkan(db)
    state = keadaan(db)
    rnd = random.Random(7)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for putaran in range(8):
        p = subprocess.Popen([sys.executable, str(Path(__file__).with_name("penulis_crash.py")), str(db), str(1000 + putaran)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        time.sleep(rnd.uniform(0.3, 0.9))
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        assert b"Traceback" not in err, err.decode()
        state = periksa_putaran(db, state, out.decode("utf-8").splitlines())
