"""``lkjip check`` on a stored year: the quick paths report exactly what checking every loaded
record one by one reports (store/check.periksa_tersimpan)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from bench.synth import buat_laporan_kota
from store import aturan, check, codec
from store.demo import demo_laporan
from store.numbers import format_rupiah
from store.repository import Repository
from store.storage import DatabaseRusak

TAHUN = 2025


def _satu_per_satu(repo: Repository, tahun: int, monkeypatch) -> tuple[list, list]:
    """The reference: the whole year loaded, every text walked, every Rupiah figure asked of
    aturan.alasan_rupiah one by one (no quick pass)."""
    with monkeypatch.context() as m:
        m.setattr(aturan, "rupiah_bulat_semua", lambda nilai: False)
        lap = repo.muat(tahun)
        return check.periksa(lap, 4, cari_kendali=True), check.periksa_narasi(lap)


@pytest.fixture(scope="module")
def kota(tmp_path_factory) -> Path:
    """A city-scale year (10,000 subkegiatan, all twelve months filled) in a database."""
    path = tmp_path_factory.mktemp("kota") / "kota.json"
    with Repository(path) as repo:
        repo.simpan_laporan(buat_laporan_kota(tahun=TAHUN))
    return path


def _salin(kota: Path, tmp_path: Path, ubah=None) -> Path:
    """A copy of the city database; ``ubah(data)`` edits its stored rows (the snapshot's JSON)."""
    path = tmp_path / "kota.json"
    shutil.copy(kota, path)
    if ubah is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        ubah(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _sub(data: dict, n: int = 0) -> dict:
    return list(data["subkegiatan"].values())[n]


def _periksa(path: Path, monkeypatch, tahun: int = TAHUN) -> tuple[tuple[list, list], tuple[list, list], int]:
    """(quick result, reference result, subkegiatan loaded by the quick one)."""
    dimuat = []
    asli = codec.subkegiatan_in
    monkeypatch.setattr(codec, "subkegiatan_in", lambda d: dimuat.append(1) or asli(d))
    with Repository(path, readonly=True) as repo:
        cepat = check.periksa_tersimpan(repo, tahun, 4)
        n = len(dimuat)
        return cepat, _satu_per_satu(repo, tahun, monkeypatch), n


def test_kota_bersih_tanpa_memuat_subkegiatan(kota, tmp_path, monkeypatch):
    cepat, acuan, dimuat = _periksa(_salin(kota, tmp_path), monkeypatch)
    assert cepat == acuan
    assert cepat[0] == [] and cepat[1]  # no data problem; the texts still to write are listed
    assert dimuat == 0  # the stored rows were enough


def _set(field, nilai, n=0):
    def ubah(data):
        _sub(data, n)[field] = nilai
    return ubah


def _bulan(bulan, nilai, n=0):
    def ubah(data):
        if nilai is KeyError:
            del _sub(data, n)["bulanan"][bulan]
        else:
            _sub(data, n)["bulanan"][bulan] = nilai
    return ubah


def _lebih(data):  # realisasi above pagu, months adding up to it
    s = _sub(data, 3)
    s["pagu"] = "1000"
    s["bulanan"] = {str(b): "100" for b in range(1, 13)}
    s["realisasi"] = "1200"


def _teks(data):  # a figure typed in a text: compared with the data's
    narasi = data.setdefault("narasi", {})
    narasi["9999"] = {"tahun": TAHUN, "urut": 0, "kunci": "ringkasan", "isi": "anggaran Rp 24.834.513.737", "draf": None}


# Each edit makes the stored subkegiatan rows need a closer look (or holds a figure the quick
# pass must not misread); the findings must be those of the one-by-one check.
UBAH = {
    "realisasi melebihi pagu": (_lebih, "pagu-lebih"),
    "bulanan tidak sama": (_set("realisasi", "1"), "bulanan-beda"),
    "bulan kosong": (_bulan("11", None), "realisasi-kosong"),
    "bulan hilang": (_bulan("12", KeyError), "realisasi-kosong"),
    "realisasi kosong": (_set("realisasi", None), None),
    "pagu desimal": (_set("pagu", "1000000000.125"), "tidak-wajar"),
    "pagu dua desimal": (_set("pagu", "1000000000.10"), None),
    "pagu negatif": (_set("pagu", "-5"), "tidak-wajar"),
    "pagu terlalu besar": (_set("pagu", "1" + "0" * 15), "tidak-wajar"),
    "pagu nol di depan": (_set("pagu", "000000000999999999"), None),
    "bulan ketiga belas": (_bulan("13", "5"), "bulanan-beda"),
    "bulan berpangkat": (_bulan("1", "1E+3"), "bulanan-beda"),
    "bulan bertanda": (_bulan("2", "+5"), "bulanan-beda"),
    "bulan satu juta desimal": (_bulan("2", "0." + "0" * 30 + "1"), "tidak-wajar"),
    "nama berkendali": (_set("nama", "Sub\u0007kegiatan"), "teks-kendali"),
    "nama pengarah": (_set("nama", "Sub\u202ekegiatan"), "teks-kendali"),
    "angka di teks": (_teks, "angka-narasi"),
}


@pytest.mark.parametrize("nama", UBAH)
def test_kota_berubah_sama_dengan_satu_per_satu(nama, kota, tmp_path, monkeypatch):
    ubah, jenis = UBAH[nama]
    cepat, acuan, _ = _periksa(_salin(kota, tmp_path, ubah), monkeypatch)
    assert cepat == acuan
    if jenis is not None:
        assert jenis in {m.jenis for m in cepat[0]}


@pytest.fixture(scope="module")
def kota_narasi(tmp_path_factory) -> Path:
    """The city-scale year with the demo's 35 texts (BAB I–IV), which name figures: a real
    office's database, where the texts' figures are compared with 10,000 subkegiatan."""
    path = tmp_path_factory.mktemp("kota_narasi") / "kota.json"
    lap = buat_laporan_kota(tahun=TAHUN)
    lap.narasi = demo_laporan().narasi
    with Repository(path) as repo:
        repo.simpan_laporan(lap)
    return path


def test_kota_dengan_narasi_tanpa_memuat_subkegiatan(kota_narasi, tmp_path, monkeypatch):
    cepat, acuan, dimuat = _periksa(_salin(kota_narasi, tmp_path), monkeypatch)
    assert cepat == acuan
    assert sum(m.jenis == "angka-narasi" for m in cepat[0]) >= 10  # the demo's figures are not the city's
    assert dimuat == 0


SUB_DIKENAL = "Penyediaan Bahan Bakar Kendaraan Dinas"


def _teks_sub(apa: str, nilai) -> object:
    """One subkegiatan renamed to a name a sentence can call it by, and a text naming one of
    its figures, ``nilai(pagu, realisasi)`` as written."""
    def ubah(data):
        s = _sub(data, 7)
        s["nama"] = SUB_DIKENAL
        pagu, realisasi = int(s["pagu"]), sum(map(int, s["bulanan"].values()))
        isi = f"Kecamatan mencatat {apa} {SUB_DIKENAL} sebesar {nilai(pagu, realisasi)}."
        narasi = data.setdefault("narasi", {})
        narasi["9999"] = {"tahun": TAHUN, "urut": 0, "kunci": "bab3.anggaran", "isi": isi, "draf": None}
    return ubah


def _serapan(pagu: int, realisasi: int, geser: str = "0", desimal: int = 2) -> str:
    from store import calc
    from store.numbers import format_bebas

    v = calc.serapan(Decimal(pagu), Decimal(realisasi)) + Decimal(geser)
    return format_bebas(v.quantize(Decimal(1).scaleb(-desimal))) + "%"


# A subkegiatan's own figure named in a text: matched or suggested from its stored row.
TEKS_SUB = {
    "serapan tepat": (_teks_sub("realisasi anggaran", _serapan), None),
    "serapan satu desimal": (_teks_sub("realisasi anggaran", lambda p, r: _serapan(p, r, desimal=1)), None),
    "serapan tanpa desimal": (_teks_sub("realisasi anggaran", lambda p, r: _serapan(p, r, desimal=0)), None),
    # three decimals: 10,000 serapan of two take every value a typo of two could make
    "serapan salah": (_teks_sub("realisasi anggaran", lambda p, r: _serapan(p, r, "0.004", desimal=3)),
                      f'(realisasi anggaran subkegiatan "{SUB_DIKENAL}")'),
    "pagu salah": (_teks_sub("pagu", lambda p, r: f"Rp {format_rupiah(Decimal(p + 1000))}"),
                   f'(pagu subkegiatan "{SUB_DIKENAL}")'),
    "realisasi tepat": (_teks_sub("realisasi", lambda p, r: f"Rp {format_rupiah(Decimal(r))}"), None),
}


@pytest.mark.parametrize("nama", TEKS_SUB)
def test_kota_teks_menyebut_subkegiatan(nama, kota, tmp_path, monkeypatch):
    ubah, saran = TEKS_SUB[nama]
    cepat, acuan, dimuat = _periksa(_salin(kota, tmp_path, ubah), monkeypatch)
    assert cepat == acuan
    assert dimuat == 0
    temuan = [m.pesan for m in cepat[0] if m.jenis == "angka-narasi"]
    if saran is None:
        assert temuan == []
    else:
        assert len(temuan) == 1 and saran in temuan[0], temuan


@pytest.mark.parametrize("ubah", [_set("kegiatan", "tidak-ada"), _bulan("x", "5"), _set("pagu", None),
                                  _set("pagu", "dua juta")])
def test_baris_rusak_tetap_rusak(ubah, kota, tmp_path, monkeypatch):
    """A subkegiatan row that cannot be loaded is the same damage, with the same words."""
    path = _salin(kota, tmp_path, ubah)
    with Repository(path, readonly=True) as repo:
        with pytest.raises(DatabaseRusak) as cepat:
            check.periksa_tersimpan(repo, TAHUN, 4)
        with pytest.raises(DatabaseRusak) as acuan:
            repo.muat(TAHUN)
    assert str(cepat.value) == str(acuan.value)


def test_demo_sama_dengan_satu_per_satu(tmp_path, monkeypatch):
    path = tmp_path / "demo.json"
    lap = demo_laporan()
    sub = next(s for _, _, s in lap.semua_subkegiatan())
    sub.realisasi = (sub.pagu or Decimal(0)) + 1  # one problem besides the texts' figures
    with Repository(path) as repo:
        repo.simpan_laporan(lap)
    cepat, acuan, _ = _periksa(path, monkeypatch, lap.tahun)
    assert cepat == acuan
    assert {"pagu-lebih", "angka-narasi"} <= {m.jenis for m in cepat[0]}


@pytest.mark.parametrize("v", ["0", "-0", "7", "1E+3", "0E+5", "999999999999999", "1000000000000000", "1E+15",
                               "0.00", "12.5", "12.505", "-1", "1E-25", "NaN", "sNaN", "Infinity", "-Infinity",
                               "123456789012345.6", "1" + "0" * 14 + ".00"])
def test_rupiah_bulat_semua_hanya_yang_lolos(v):
    """True for a figure only if alasan_rupiah passes it, alone or among good ones."""
    d = Decimal(v)
    for nilai in ([d], [Decimal(5), None, d, Decimal(10)]):
        if aturan.rupiah_bulat_semua(nilai):
            assert aturan.alasan_rupiah(d) is None, v
    assert aturan.rupiah_bulat_semua([Decimal(0), None, Decimal(999_999_999_999_999), Decimal("1E+3")])


@pytest.mark.parametrize("s", ["007", "+5", " 5", "5 ", "1_000", "\u0663", "1e3", "-0", "1.0", "9" * 15, "9" * 16,
                               "0" * 15 + "1", "\u00b2", "1" + "0" * 15])
def test_rupiah_tersimpan_hanya_yang_lolos(s):
    """Whole numbers only for texts alasan_rupiah passes, equal to what muat() reads."""
    angka = aturan.rupiah_tersimpan(["12", s, "0"])
    if angka is not None:
        assert aturan.alasan_rupiah(Decimal(s)) is None, s
        assert angka == [12, Decimal(s), 0]
    assert aturan.rupiah_tersimpan(["12", "9" * 15, "0"]) == [12, 10**15 - 1, 0]
