"""The audit trail (riwayat): who changed which record when, from what to what.

Each commit's entry travels inside its journal record (so auditing costs no extra fsync and
is exactly as durable as the change itself). On compaction the entries are appended to
``<db>.riwayat.jsonl`` *before* the new snapshot replaces the old, and deduplicated by
(generation, sequence) if a crash makes that happen twice. The ``.jsonl`` is append-only
and never compacted, so it survives compaction, restores and migrations.
Reading merges the ``.jsonl`` with the journals not yet compacted.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from .storage import _TIADA, ENCODING, RINGKAS_DI_ATAS, baca_jurnal, fsync_folder

NAMA_TABEL = {"laporan": "data umum", "tujuan": "tujuan", "sasaran": "sasaran", "indikator": "indikator",
              "program": "program", "kegiatan": "kegiatan", "subkegiatan": "subkegiatan", "pegawai": "unit pegawai",
              "akip": "komponen AKIP", "narasi": "teks laporan", "_meta": "skema"}
_ABAIKAN = {"tahun", "urut"}


def _waktu() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _tahun(d: Any) -> int | None:
    return d.get("tahun") if isinstance(d, dict) and isinstance(d.get("tahun"), int) else None


def _rinci(tabel: str, lama: Any, baru: Any) -> dict:
    doc = baru if baru is not _TIADA else lama
    doc = doc if isinstance(doc, dict) else {}
    r = {"tabel": tabel, "kunci": doc.get("id") or doc.get("key") or doc.get("kunci"),
         "nama": doc.get("nama") or doc.get("uraian") or (doc.get("instansi") or {}).get("nama"),
         "tahun": _tahun(doc)}
    if lama is _TIADA:
        r["aksi"] = "tambah"
        r["baru"] = {k: v for k, v in doc.items() if k not in _ABAIKAN}
    elif baru is _TIADA:
        r["aksi"] = "hapus"
        r["lama"] = {k: v for k, v in doc.items() if k not in _ABAIKAN}
    else:
        r["aksi"] = "ubah"
        lama = lama if isinstance(lama, dict) else {}
        beda = [k for k in {**lama, **baru} if k not in _ABAIKAN and lama.get(k) != baru.get(k)]
        r["lama"] = {k: lama.get(k) for k in beda}
        r["baru"] = {k: baru.get(k) for k in beda}
    return r


def entri_riwayat(ubah: list[tuple[str, Any, Any]], keterangan: str | None, pengguna: str) -> dict:
    """The audit entry of one commit: row by row, or as counts when it touched many rows."""
    e: dict[str, Any] = {"waktu": _waktu(), "pengguna": pengguna}
    if keterangan:
        e["keterangan"] = keterangan
    e["tahun"] = sorted({t for _, l, b in ubah for t in (_tahun(l), _tahun(b)) if t is not None})
    if len(ubah) > RINGKAS_DI_ATAS:
        ringkas: dict[str, dict[str, int]] = {}
        for tabel, lama, baru in ubah:
            aksi = "tambah" if lama is _TIADA else "hapus" if baru is _TIADA else "ubah"
            per = ringkas.setdefault(tabel, {})
            per[aksi] = per.get(aksi, 0) + 1
        e["ringkasan"] = ringkas
    else:
        e["perubahan"] = [_rinci(t, l, b) for t, l, b in ubah]
    return e


# ------------------------------------------------------------------ the .jsonl
def _baris(raw: bytes) -> list[dict]:
    hasil = []
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            e = json.loads(line.decode(ENCODING))
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue  # a torn append from a power cut: skip it, keep the rest
        if isinstance(e, dict):
            hasil.append(e)
    return hasil


def _entri_terakhir(path: Path) -> dict | None:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            ukuran = f.tell()
            for blok in (1 << 18, ukuran):
                f.seek(max(0, ukuran - blok))
                baris = _baris(f.read())
                if baris:
                    return baris[-1]
                if blok >= ukuran:
                    break
    except FileNotFoundError:
        return None
    return None


def tambah_riwayat(path: Path, entri: list[dict]) -> None:
    """Append audit entries durably, skipping those already there (same generation, seq ≤ last)."""
    if not entri:
        return
    akhir = _entri_terakhir(path)
    if akhir and akhir.get("gen") is not None:
        entri = [e for e in entri if not (e.get("gen") == akhir["gen"] and (e.get("seq") or 0) <= (akhir.get("seq") or 0))]
    if not entri:
        return
    data = b"".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode(ENCODING) + b"\n" for e in entri)
    baru = not path.exists()
    with open(path, "ab+") as f:
        f.seek(0, os.SEEK_END)
        if f.tell():
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                data = b"\n" + data  # isolate a torn last line so it stays one skipped line
        f.seek(0, os.SEEK_END)
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if baru:
        fsync_folder(path.parent)


def baca_riwayat(db_path: str | Path, tahun: int | None = None, batas: int | None = None) -> list[dict]:
    """Every audit entry of the database, newest first; ``tahun`` keeps entries touching it."""
    db_path = Path(db_path)
    riwayat = db_path.with_name(f"{db_path.name}.riwayat.jsonl")
    try:
        semua = _baris(riwayat.read_bytes())
    except FileNotFoundError:
        semua = []
    sudah = {(e.get("gen"), e.get("seq")) for e in semua if e.get("gen")}
    for j in db_path.parent.glob(f"{db_path.name}.jurnal-*"):
        gen = j.name.rsplit("-", 1)[1]
        try:
            recs, _, _ = baca_jurnal(j)
        except Exception:  # noqa: BLE001 - a damaged journal must not hide the rest of the history
            continue
        for r in recs:
            if r.get("riwayat") and (gen, r.get("seq")) not in sudah:
                semua.append(dict(r["riwayat"], gen=gen, seq=r.get("seq")))
    if tahun is not None:
        semua = [e for e in semua if tahun in (e.get("tahun") or [])]

    def kunci(e: dict):
        try:
            return datetime.fromisoformat(e.get("waktu", "")).timestamp()
        except (TypeError, ValueError):
            return 0.0
    semua = list(reversed(semua))
    semua.sort(key=kunci, reverse=True)  # stable: same second keeps newest-appended first
    return semua[:batas] if batas else semua


# ------------------------------------------------------------------ display
def _nilai(v: Any) -> str:
    if v is None:
        return "(kosong)"
    if isinstance(v, str):
        return v if len(v) <= 60 else v[:57] + "..."
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:57] + "..."


_TW = ("TW I", "TW II", "TW III", "TW IV")
_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _label(jalur: tuple, k) -> str:
    """Readable name of one step into a stored row: triwulan 2021 TW III realisasi, bulanan Mar."""
    if jalur and jalur[0] == "triwulan" and isinstance(k, int):
        return (_TW[k] if k < 4 else str(k + 1)) if len(jalur) == 2 else ("target", "realisasi")[k] if k < 2 else str(k)
    if jalur == ("bulanan",) and str(k).isdigit() and 1 <= int(k) <= 12:
        return _BULAN[int(k) - 1]
    return str(k)


def _beda(lama, baru, jalur: tuple = ()) -> list[str]:
    """Only what differs, down to the changed quarter or month."""
    if isinstance(lama, dict) and isinstance(baru, dict):
        return [x for k in {**lama, **baru} if lama.get(k) != baru.get(k)
                for x in _beda(lama.get(k), baru.get(k), jalur + (k,))]
    if isinstance(lama, list) and isinstance(baru, list) and len(lama) == len(baru) and jalur:
        return [x for i, (a, b) in enumerate(zip(lama, baru)) if a != b for x in _beda(a, b, jalur + (i,))]
    nama = " ".join(_label(jalur[:n], k) for n, k in enumerate(jalur))
    return [f"{nama}: {_nilai(lama)} → {_nilai(baru)}"]


def teks_perubahan(p: dict) -> str:
    jenis = NAMA_TABEL.get(p.get("tabel"), p.get("tabel"))
    nama = f' "{p["nama"]}"' if p.get("nama") else ""
    kunci = f" {p['kunci']}" if p.get("kunci") and p.get("tabel") in ("tujuan", "sasaran", "indikator", "program") else ""
    if p.get("aksi") == "tambah":
        return f"tambah {jenis}{kunci}{nama}"
    if p.get("aksi") == "hapus":
        return f"hapus {jenis}{kunci}{nama}"
    return f"ubah {jenis}{kunci}{nama}: " + "; ".join(_beda(p.get("lama") or {}, p.get("baru") or {}))


def teks_entri(e: dict) -> list[str]:
    """One entry as lines of Indonesian text."""
    try:
        w = datetime.fromisoformat(e.get("waktu", "")).strftime("%d-%m-%Y %H:%M:%S")
    except (TypeError, ValueError):
        w = str(e.get("waktu", "?"))
    tahun = ", ".join(map(str, e.get("tahun") or [])) or "-"
    kepala = f"{w} · {e.get('pengguna') or '?'} · tahun {tahun}"
    if e.get("keterangan"):
        kepala += f" · {e['keterangan']}"
    baris = [kepala]
    if e.get("ringkasan"):
        for tabel, per in sorted(e["ringkasan"].items()):
            jumlah = ", ".join(f"{n} di{aksi}" for aksi, n in sorted(per.items()))  # ditambah, dihapus, diubah
            baris.append(f"  {NAMA_TABEL.get(tabel, tabel)}: {jumlah}")
    for p in e.get("perubahan") or []:
        baris.append("  " + teks_perubahan(p))
    return baris
