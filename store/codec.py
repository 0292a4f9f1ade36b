"""Records ⇄ TinyDB documents. Decimals are stored as plain strings so no digit is lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .models import (
    Bagian,
    Band,
    Iku,
    Indikator,
    Instansi,
    Jabatan,
    Kegiatan,
    Kepala,
    KomponenAkip,
    Pengaturan,
    Program,
    Renstra,
    Sasaran,
    Subkegiatan,
    Teks,
    Triwulan,
    Tujuan,
    UnitPegawai,
)


def d2s(d: Decimal | None) -> str | None:
    return None if d is None else format(d, "f")


def s2d(s: str | None) -> Decimal | None:
    return None if s is None else Decimal(s)


def s2d_wajib(s: str) -> Decimal:
    """A figure that is always stored (pagu, bobot)."""
    return Decimal(s)


def tahun_map_out(m: dict[int, Decimal | None]) -> dict[str, str | None]:
    return {str(t): d2s(v) for t, v in sorted(m.items())}


def tahun_map_in(m: dict[str, Any] | None) -> dict[int, Decimal | None]:
    return {int(t): s2d(v) for t, v in (m or {}).items()}


# ---- laporan (one per year): instansi, renstra, pengaturan, pegawai date
def instansi_out(i: Instansi) -> dict[str, Any]:
    return {"nama": i.nama, "pemerintah_daerah": i.pemerintah_daerah,
            "kepala": {"nama": i.kepala.nama, "jabatan": i.kepala.jabatan, "nip": i.kepala.nip,
                       "pangkat": i.kepala.pangkat},
            "visi": i.visi, "misi": list(i.misi)}


def instansi_in(d: dict[str, Any]) -> Instansi:
    k = d.get("kepala") or {}
    return Instansi(d.get("nama", ""), d.get("pemerintah_daerah", ""),
                    Kepala(k.get("nama", ""), k.get("jabatan", ""), k.get("nip"), k.get("pangkat", "")),
                    d.get("visi", ""), list(d.get("misi", [])))


def renstra_out(r: Renstra) -> dict[str, Any]:
    return {"mulai": r.mulai, "akhir": r.akhir, "tahun_target": list(r.tahun_target)}


def renstra_in(d: dict[str, Any]) -> Renstra:
    return Renstra(int(d["mulai"]), int(d["akhir"]), [int(t) for t in d.get("tahun_target", [])])


def pengaturan_out(p: Pengaturan) -> dict[str, Any]:
    skala = None if p.skala_kategori is None else [
        {"label": b.label, "min": d2s(b.min), "termasuk_min": b.termasuk_min} for b in p.skala_kategori]
    return {"desimal": p.desimal, "skala_kategori": skala}


def pengaturan_in(d: dict[str, Any]) -> Pengaturan:
    skala = d.get("skala_kategori")
    return Pengaturan(int(d.get("desimal", 2)), None if skala is None else [
        Band(b["label"], s2d(b["min"]), bool(b.get("termasuk_min", True))) for b in skala])


# ---- rows
def tujuan_out(t: Tujuan) -> dict[str, Any]:
    return {"id": t.id, "misi": t.misi, "uraian": t.uraian, "indikator": list(t.indikator)}


def tujuan_in(d: dict[str, Any]) -> Tujuan:
    return Tujuan(d["id"], int(d["misi"]), d["uraian"], list(d.get("indikator", [])))


def sasaran_out(s: Sasaran) -> dict[str, Any]:
    return {"id": s.id, "tujuan": s.tujuan, "uraian": s.uraian}


def sasaran_in(d: dict[str, Any]) -> Sasaran:
    return Sasaran(d["id"], d["tujuan"], d["uraian"])


def indikator_out(i: Indikator) -> dict[str, Any]:
    return {
        "id": i.id, "sasaran": i.sasaran, "uraian": i.uraian, "satuan": i.satuan, "arah": i.arah,
        "rumus_negatif": i.rumus_negatif, "agregasi_triwulan": i.agregasi_triwulan,
        "iku": None if i.iku is None else vars(i.iku).copy(),
        "target": tahun_map_out(i.target), "realisasi": tahun_map_out(i.realisasi),
        "triwulan": {str(t): [[d2s(q.target), d2s(q.realisasi)] for q in qs] for t, qs in sorted(i.triwulan.items())},
        "standar_nasional": tahun_map_out(i.standar_nasional),
    }


def indikator_in(d: dict[str, Any]) -> Indikator:
    return Indikator(
        d["id"], d["sasaran"], d["uraian"], d.get("satuan", ""), d.get("arah", "positif"),
        d.get("rumus_negatif"), d.get("agregasi_triwulan", "jumlah"),
        None if d.get("iku") is None else Iku(**d["iku"]),
        tahun_map_in(d.get("target")), tahun_map_in(d.get("realisasi")),
        {int(t): [Triwulan(s2d(a), s2d(b)) for a, b in qs] for t, qs in (d.get("triwulan") or {}).items()},
        tahun_map_in(d.get("standar_nasional")),
    )


def _kode(d: dict[str, Any], obj: Program | Kegiatan | Subkegiatan) -> dict[str, Any]:
    """The optional kode is stored only when given: rows of older databases stay as they were
    (no schema change)."""
    if obj.kode:
        d["kode"] = obj.kode
    return d


def program_out(p: Program) -> dict[str, Any]:
    return _kode({"id": p.id, "nama": p.nama, "sasaran": p.sasaran, "pagu_murni": d2s(p.pagu_murni)}, p)


def program_in(d: dict[str, Any]) -> Program:
    return Program(d["id"], d["nama"], d["sasaran"], s2d(d.get("pagu_murni")), kode=d.get("kode", ""))


def kegiatan_out(k: Kegiatan) -> dict[str, Any]:
    return _kode({"key": k.key, "nama": k.nama}, k)


def kegiatan_in(d: dict[str, Any]) -> Kegiatan:
    return Kegiatan(d["nama"], key=d["key"], kode=d.get("kode", ""))


def subkegiatan_out(s: Subkegiatan) -> dict[str, Any]:
    bulanan = None if s.realisasi_bulanan is None else {str(b): d2s(v) for b, v in sorted(s.realisasi_bulanan.items())}
    return _kode({"key": s.key, "nama": s.nama, "pagu": d2s(s.pagu), "realisasi": d2s(s.realisasi),
                  "bulanan": bulanan}, s)


def subkegiatan_in(d: dict[str, Any]) -> Subkegiatan:
    b = d.get("bulanan")
    # s2d inlined: twelve months × 10,000 subkegiatan at city scale, a third of loading a year
    return Subkegiatan(d["nama"], s2d_wajib(d["pagu"]), s2d(d.get("realisasi")),
                       None if b is None else {int(k): None if v is None else Decimal(v) for k, v in b.items()},
                       key=d["key"], kode=d.get("kode", ""))


def unit_out(u: UnitPegawai) -> dict[str, Any]:
    return {"key": u.key, "nama": u.nama, "jabatan": [[j.nama, j.laki_laki, j.perempuan] for j in u.jabatan]}


def unit_in(d: dict[str, Any]) -> UnitPegawai:
    return UnitPegawai(d["nama"], [Jabatan(n, int(l), int(p)) for n, l, p in d.get("jabatan", [])], key=d["key"])


def akip_out(k: KomponenAkip) -> dict[str, Any]:
    return {"key": k.key, "nama": k.nama, "bobot": d2s(k.bobot), "nilai": tahun_map_out(k.nilai)}


def akip_in(d: dict[str, Any]) -> KomponenAkip:
    return KomponenAkip(d["nama"], s2d_wajib(d["bobot"]), tahun_map_in(d.get("nilai")), key=d["key"])


# ---- the report's words (store/narasi.py)
def teks_out(t: Teks) -> dict[str, Any]:
    return {"kunci": t.kunci, "isi": t.isi, "draf": t.draf}


def teks_in(d: dict[str, Any]) -> Teks:
    return Teks(d["kunci"], d.get("isi", ""), d.get("draf"))


def bagian_out(b: Bagian) -> dict[str, Any]:
    """Only what differs from a plain text part is written, so a stored outline stays small."""
    d: dict[str, Any] = {"kunci": b.kunci, "judul": b.judul, "jenis": b.jenis}
    if b.anak:
        d["anak"] = [bagian_out(a) for a in b.anak]
    if b.tabel is not None:
        d["tabel"] = b.tabel
    for nama, bawaan in (("judul_tampil", True), ("opsional", False), ("dibawa", False)):
        if getattr(b, nama) != bawaan:
            d[nama] = getattr(b, nama)
    return d


def bagian_in(d: dict[str, Any]) -> Bagian:
    return Bagian(d["kunci"], d["judul"], d.get("jenis", "teks"), [bagian_in(a) for a in d.get("anak", [])],
                  d.get("tabel"), bool(d.get("judul_tampil", True)), bool(d.get("opsional", False)),
                  bool(d.get("dibawa", False)))


def garis_out(garis: list[Bagian] | None) -> list[dict[str, Any]] | None:
    return None if garis is None else [bagian_out(b) for b in garis]


def garis_in(d: list[Any] | None) -> list[Bagian] | None:
    return None if d is None else [bagian_in(b) for b in d]
