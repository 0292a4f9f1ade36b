"""store/perubahan.py: typed commands, one writer, copy-on-write records, inverse commands."""

import dataclasses
from decimal import Decimal

import pytest

from store.models import Kegiatan, Subkegiatan
from store.perubahan import Hapus, Tambah, Ubah, UbahKepala, berkunci, kepala, terapkan
from store.repository import MasihDipakai, Repository


def _disk(repo: Repository):
    with Repository(repo.path, readonly=True) as r:
        return r.muat(2021)


def test_a_change_makes_new_records_and_leaves_the_held_ones(repo_demo):
    lap = repo_demo.muat(2021)
    prog, keg, sub = lap.program[0], lap.program[0].kegiatan[0], lap.program[0].kegiatan[0].subkegiatan[0]
    daftar_prog = lap.program
    mundur = terapkan(repo_demo, lap, [Ubah(dataclasses.replace(sub, pagu=Decimal(7)))], "uji")
    assert sub.pagu != Decimal(7) and keg.subkegiatan[0] is sub and daftar_prog[0] is prog  # untouched
    assert lap.program[0] is not prog and lap.program[0].kegiatan[0].subkegiatan[0].pagu == Decimal(7)
    assert _disk(repo_demo).program[0].kegiatan[0].subkegiatan[0].pagu == Decimal(7)
    terapkan(repo_demo, lap, mundur)
    assert lap.program[0].kegiatan[0].subkegiatan[0].pagu == sub.pagu
    assert _disk(repo_demo).program[0].kegiatan[0].subkegiatan[0].pagu == sub.pagu


def test_add_then_rename_parent_then_undo_both_leaves_no_ghost(repo_demo):
    lap = repo_demo.muat(2021)
    keg = lap.program[0].kegiatan[0]
    baru = berkunci(Subkegiatan("Uji", Decimal(1_000_000), Decimal(500_000)))
    langkah1 = terapkan(repo_demo, lap, [Tambah(baru, keg.key)])
    keg_baru = lap.program[0].kegiatan[0]
    langkah2 = terapkan(repo_demo, lap, [Ubah(dataclasses.replace(keg_baru, nama=keg.nama + " X"), None, "P1")])
    assert [s.nama for s in lap.program[0].kegiatan[0].subkegiatan][-1] == "Uji"  # the rename kept the children
    terapkan(repo_demo, lap, langkah2)
    terapkan(repo_demo, lap, langkah1)
    for tahun in (lap, _disk(repo_demo)):
        k = tahun.program[0].kegiatan[0]
        assert k.nama == keg.nama and "Uji" not in [s.nama for s in k.subkegiatan]


def test_delete_and_its_inverse_put_the_record_back_in_place(repo_demo):
    lap = repo_demo.muat(2021)
    keg = lap.program[0].kegiatan[1]
    mundur = terapkan(repo_demo, lap, [Hapus(Kegiatan, keg.key, "P1")])
    assert keg.key not in [k.key for k in lap.program[0].kegiatan]
    assert mundur == [Tambah(keg, "P1", 1)]
    terapkan(repo_demo, lap, mundur)
    assert lap.program[0].kegiatan[1] == keg
    disk = _disk(repo_demo).program[0].kegiatan
    assert disk[1].key == keg.key  # in its place on disk too, not at the end
    assert [s.nama for s in disk[1].subkegiatan] == [s.nama for s in keg.subkegiatan]


def test_a_refused_or_failed_write_leaves_the_year_as_it_was(repo_demo, monkeypatch):
    lap = repo_demo.muat(2021)
    sebelum = dataclasses.replace(lap)
    with pytest.raises(MasihDipakai):
        terapkan(repo_demo, lap, [Hapus(type(lap.sasaran[0]), lap.sasaran[0].id)])
    assert lap.sasaran == sebelum.sasaran

    def penuh(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(repo_demo.storage, "_commit", penuh)
    sub = lap.program[0].kegiatan[0].subkegiatan[0]
    instansi = dataclasses.replace(lap.instansi, nama="Lain")
    with pytest.raises(OSError):
        terapkan(repo_demo, lap, [Ubah(dataclasses.replace(sub, pagu=Decimal(1))),
                                  UbahKepala(instansi, lap.renstra, lap.pengaturan, None, None)])
    assert lap.program == sebelum.program and lap.instansi is sebelum.instansi
    assert kepala(lap) == kepala(sebelum)


def test_undo_of_a_delete_puts_the_record_back_in_its_place_on_disk_too(repo_demo):
    """Screen and disk agree on order: a subkegiatan deleted from the middle and put back by
    undo reads back in its place after a reopen, not at the end."""
    lap = repo_demo.muat(2021)
    p, k = next((p, k) for p, k, _ in lap.semua_subkegiatan() if len(k.subkegiatan) >= 3)
    nama = [s.nama for s in k.subkegiatan]
    mundur = terapkan(repo_demo, lap, [Hapus(Subkegiatan, k.subkegiatan[1].key)])
    terapkan(repo_demo, lap, mundur)

    def di(lap_):
        return [s.nama for s in next(x for x in next(q for q in lap_.program if q.id == p.id).kegiatan
                                     if x.key == k.key).subkegiatan]
    assert di(lap) == nama
    assert di(_disk(repo_demo)) == nama
    # the other lists keep their order
    assert [p.id for p in _disk(repo_demo).program] == [p.id for p in lap.program]
