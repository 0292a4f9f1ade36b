import json
from decimal import Decimal

import pytest

from store.bundle import ke_bundle
from store.models import Kegiatan, Laporan, Program, Subkegiatan
from store.repository import MasihDipakai, Repository, TahunSudahAda
from store.schema import SKEMA, SkemaTerlaluBaru
from store.storage import DatabaseRusak, HanyaBaca


def test_file_is_utf8_json_with_schema(repo_demo, db_path):
    # Before compaction the import lives in the journal, also UTF-8 (no \u escapes).
    jurnal = repo_demo.storage.jurnal_path()
    assert "Heruressandi" in jurnal.read_text(encoding="utf-8")
    repo_demo.kompaksi()
    assert not jurnal.exists()
    raw = json.loads(db_path.read_bytes().decode("utf-8"))
    assert raw["_meta"]["1"]["skema"] == SKEMA
    assert "Heruressandi" in db_path.read_text(encoding="utf-8")


def test_several_years_in_one_database(repo_demo, lap):
    lap.tahun = 2022
    lap.indikator[0].triwulan[2022] = lap.indikator[0].triwulan.pop(2021)
    repo_demo.simpan_laporan(lap)
    assert repo_demo.tahun_tersedia() == [2021, 2022]
    assert repo_demo.muat(2021).indikator[0].triwulan[2021][3].realisasi == Decimal("79.79")
    assert 2022 in repo_demo.muat(2022).indikator[0].triwulan


def test_same_year_needs_replace(repo_demo, lap):
    with pytest.raises(TahunSudahAda, match="--replace"):
        repo_demo.simpan_laporan(lap)
    lap.instansi.nama = "Kecamatan Baru"
    repo_demo.simpan_laporan(lap, ganti=True)
    assert repo_demo.muat(2021).instansi.nama == "Kecamatan Baru"
    assert len(repo_demo.muat(2021).program) == 4


def test_update_one_record_persists(repo_demo, db_path):
    lap = repo_demo.muat(2021)
    ind = lap.cari_indikator("I1")
    ind.triwulan[2021][2].realisasi = Decimal("78.5")
    repo_demo.simpan(2021, ind)
    _, _, sub = next(lap.semua_subkegiatan())
    sub.realisasi_bulanan = {1: Decimal(100)}
    repo_demo.simpan(2021, sub)
    with Repository(db_path, readonly=True) as again:  # the writer still holds the lock
        lap2 = again.muat(2021)
    assert lap2.cari_indikator("I1").triwulan[2021][2].realisasi == Decimal("78.5")
    assert next(lap2.semua_subkegiatan())[2].realisasi_bulanan == {1: Decimal(100)}


def test_add_and_delete_program_with_children(repo_demo, db_path):
    n_sub = len(repo_demo.db.table("subkegiatan"))
    p = Program("P9", "Program Baru", "S1", None, [])
    repo_demo.simpan(2021, p)
    k = Kegiatan("Kegiatan Baru")
    repo_demo.simpan(2021, k, induk="P9")
    s = Subkegiatan("Sub Baru", Decimal(1000), Decimal(10))
    repo_demo.simpan(2021, s, induk=k.key)
    lap = repo_demo.muat(2021)
    assert lap.program[-1].kegiatan[0].subkegiatan[0].nama == "Sub Baru"
    repo_demo.hapus(2021, lap.program[-1])
    with Repository(db_path, readonly=True) as again:
        assert [p.id for p in again.muat(2021).program] == ["P1", "P2", "P3", "P4"]
        assert len(again.db.table("subkegiatan")) == n_sub
        assert len(again.db.table("kegiatan")) == 13


def test_delete_sasaran_in_use_refused(repo_demo):
    lap = repo_demo.muat(2021)
    with pytest.raises(MasihDipakai, match="S1"):
        repo_demo.hapus(2021, lap.sasaran[0])


def test_transaction_is_all_or_nothing(repo_demo, db_path):
    before = db_path.read_bytes()
    lap = repo_demo.muat(2021)
    with pytest.raises(RuntimeError):
        with repo_demo.transaksi():
            repo_demo.hapus(2021, lap.program[0])
            raise RuntimeError("power cut")
    assert db_path.read_bytes() == before
    assert len(repo_demo.muat(2021).program) == 4


def test_readonly_refuses_writes(repo_demo, db_path):
    with Repository(db_path, readonly=True) as ro:
        lap = ro.muat(2021)
        with pytest.raises(HanyaBaca):
            ro.simpan(2021, lap.indikator[0])


def test_broken_file_is_refused_not_overwritten(db_path):
    db_path.write_text('{"laporan": {', encoding="utf-8")
    with pytest.raises(DatabaseRusak, match="rusak"):
        Repository(db_path)
    assert db_path.read_text(encoding="utf-8") == '{"laporan": {'


def test_newer_schema_refused(db_path):
    db_path.write_text(json.dumps({"_meta": {"1": {"skema": SKEMA + 1}}}), encoding="utf-8")
    with pytest.raises(SkemaTerlaluBaru, match="lebih baru"):
        Repository(db_path)


def test_unversioned_file_is_migrated(db_path, lap):
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    del raw["_meta"]
    db_path.write_text(json.dumps(raw), encoding="utf-8")
    with Repository(db_path) as repo:
        assert ke_bundle(repo.muat(2021)) == ke_bundle(lap)
    assert json.loads(db_path.read_text(encoding="utf-8"))["_meta"]["1"]["skema"] == SKEMA


def test_empty_year_defaults():
    lap = Laporan(2024)
    assert lap.renstra.akhir == 2024 and lap.renstra.tahun_target == [2020, 2021, 2022, 2023, 2024]


def test_kode_dihapus_tidak_tertinggal(db_path, lap):
    """A kode cleared (or undone) is gone from the stored row, not kept from before."""
    _, keg, sub = next(lap.semua_subkegiatan())
    with Repository(db_path) as repo:
        repo.simpan_laporan(lap)
        sub.kode = "7.01.01.2.01.0001"
        repo.simpan(2021, sub)
        assert next(s for _, _, s in repo.muat(2021).semua_subkegiatan() if s.key == sub.key).kode == sub.kode
        sub.kode = ""
        repo.simpan(2021, sub)
        baru = next(s for _, _, s in repo.muat(2021).semua_subkegiatan() if s.key == sub.key)
        assert baru.kode == "" and baru.nama == sub.nama
        assert next(k for p in repo.muat(2021).program for k in p.kegiatan if k.key == keg.key).subkegiatan[0].key == sub.key


def test_peta_impor_diingat(db_path):
    with Repository(db_path) as repo:
        assert repo.peta_impor() == {}
        repo.simpan_peta_impor("kode|nilai", {"kode": "Kode", "jumlah": "Nilai"})
        repo.simpan_peta_impor("kode|nilai", {"kode": "Kode", "jumlah": "Nilai", "isi": "pagu"})
    with Repository(db_path, readonly=True) as repo:
        assert repo.peta_impor() == {"kode|nilai": {"kode": "Kode", "jumlah": "Nilai", "isi": "pagu"}}
