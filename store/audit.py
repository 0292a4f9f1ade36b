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
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .berkas import ENCODING, MODE_PRIBADI, buka_pribadi, fsync_folder, tulis_semua
from .jurnal import TIADA, baca_jurnal

RINGKAS_DI_ATAS = 50  # a commit touching more rows is audited as a summary, not row by row

NAMA_TABEL = {"laporan": "data umum", "tujuan": "tujuan", "sasaran": "sasaran", "indikator": "indikator",
              "program": "program", "kegiatan": "kegiatan", "subkegiatan": "subkegiatan", "pegawai": "unit pegawai",
              "akip": "komponen AKIP", "narasi": "teks laporan", "_meta": "skema"}
_ABAIKAN = {"tahun", "urut"}


def jalur_riwayat(db: Path) -> Path:
    """The riwayat beside database ``db``: ``lkjip.json`` → ``lkjip.json.riwayat.jsonl``."""
    return db.with_name(f"{db.name}.riwayat.jsonl")


def _waktu() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _tahun(d: Any) -> int | None:
    return d.get("tahun") if isinstance(d, dict) and isinstance(d.get("tahun"), int) else None


def _rinci(tabel: str, lama: Any, baru: Any) -> dict[str, Any]:
    doc = baru if baru is not TIADA else lama
    doc = doc if isinstance(doc, dict) else {}
    r = {"tabel": tabel, "kunci": doc.get("id") or doc.get("key") or doc.get("kunci"),
         "nama": doc.get("nama") or doc.get("uraian") or (doc.get("instansi") or {}).get("nama"),
         "tahun": _tahun(doc)}
    if lama is TIADA:
        r["aksi"] = "tambah"
        r["baru"] = {k: v for k, v in doc.items() if k not in _ABAIKAN}
    elif baru is TIADA:
        r["aksi"] = "hapus"
        r["lama"] = {k: v for k, v in doc.items() if k not in _ABAIKAN}
    else:
        r["aksi"] = "ubah"
        lama = lama if isinstance(lama, dict) else {}
        beda = [k for k in {**lama, **baru} if k not in _ABAIKAN and lama.get(k) != baru.get(k)]
        r["lama"] = {k: lama.get(k) for k in beda}
        r["baru"] = {k: baru.get(k) for k in beda}
    return r


def entri_riwayat(ubah: list[tuple[str, Any, Any]], keterangan: str | None, pengguna: str) -> dict[str, Any]:
    """The audit entry of one commit: row by row, or as counts when it touched many rows."""
    e: dict[str, Any] = {"waktu": _waktu(), "pengguna": pengguna}
    if keterangan:
        e["keterangan"] = keterangan
    e["tahun"] = sorted({t for _, l, b in ubah for t in (_tahun(l), _tahun(b)) if t is not None})
    if len(ubah) > RINGKAS_DI_ATAS:
        ringkas: dict[str, dict[str, int]] = {}
        for tabel, lama, baru in ubah:
            aksi = "tambah" if lama is TIADA else "hapus" if baru is TIADA else "ubah"
            per = ringkas.setdefault(tabel, {})
            per[aksi] = per.get(aksi, 0) + 1
        e["ringkasan"] = ringkas
    else:
        e["perubahan"] = [_rinci(t, l, b) for t, l, b in ubah]
    return e


# ------------------------------------------------------------------ the .jsonl
def _pecah(raw: bytes) -> list[tuple[bytes, dict[str, Any] | None]]:
    """Every non-empty line with its entry (None when it does not parse: a torn append)."""
    return [(line, e) for (_, line), e in _pecah_bernomor(raw)]


def _pecah_bernomor(raw: bytes) -> Iterator[tuple[tuple[int, bytes], dict[str, Any] | None]]:
    """(line number, line) and its entry or None, for every non-empty line."""
    for nomor, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line.decode(ENCODING))
        except (ValueError, UnicodeDecodeError, RecursionError):
            e = None
        yield (nomor, line), (e if isinstance(e, dict) else None)


def _sidik(line: bytes) -> str:
    import hashlib  # late: only writing or checking the trail needs it, not start-up
    return hashlib.sha256(line).hexdigest()


def _entri_terakhir(path: Path) -> tuple[dict[str, Any], bytes] | None:
    """The last readable entry of the trail and its line (the chain continues from it)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            ukuran = f.tell()
            for blok in (1 << 18, ukuran):
                f.seek(max(0, ukuran - blok))
                baris = _pecah(f.read())
                if blok < ukuran:
                    baris = baris[1:]  # the block may start mid-line
                baik = [(b, e) for b, e in baris if e is not None]
                if baik:
                    return baik[-1][1], baik[-1][0]
                if blok >= ukuran:
                    break
    except FileNotFoundError:
        return None
    return None


def tambah_riwayat(path: Path, entri: list[dict[str, Any]]) -> str | None:
    """Append audit entries durably, skipping those already there (same generation, seq ≤
    last). Each entry carries ``hash_sebelum``, the SHA-256 of the line before it, so an entry
    edited, deleted or inserted later breaks the chain (:func:`periksa_rantai`). Returns the
    hash of the last line (recorded in the snapshot, so a cut-off tail shows too)."""
    akhir = _entri_terakhir(path)
    if akhir and akhir[0].get("gen") is not None:
        entri = [e for e in entri if not (e.get("gen") == akhir[0]["gen"] and (e.get("seq") or 0) <= (akhir[0].get("seq") or 0))]
    sidik = _sidik(akhir[1]) if akhir else AWAL_RANTAI
    if not entri:
        return sidik if akhir else None
    baris = []
    for e in entri:
        line = json.dumps({**e, "hash_sebelum": sidik}, ensure_ascii=False, separators=(",", ":")).encode(ENCODING)
        baris.append(line + b"\n")
        sidik = _sidik(line)
    data = b"".join(baris)
    baru = not path.exists()
    if not baru:
        try:  # a trail created by an older version with the umask's mode
            os.chmod(path, MODE_PRIBADI)
        except OSError:
            pass
    with open(path, "ab+", buffering=0, opener=buka_pribadi) as f:  # unbuffered: see storage._commit
        f.seek(0, os.SEEK_END)
        awal = f.tell()
        if awal:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                data = b"\n" + data  # isolate a torn last line so it stays one skipped line
        f.seek(0, os.SEEK_END)
        try:
            tulis_semua(f, data)
            f.flush()
            os.fsync(f.fileno())
        except BaseException:
            try:  # as the journal does: never leave a fragment for the next append to follow
                f.truncate(awal)
                f.flush()
            except OSError:
                pass
            raise
    if baru:
        fsync_folder(path.parent)
    return sidik


AWAL_RANTAI = "0" * 64  # hash_sebelum of the first entry of a trail


# ------------------------------------------------------------------ the anchor
# The chain alone proves only that no line was changed *between* two others: a line added at
# the end with the right hash_sebelum, or a cut tail, still chains. So the database holds the
# trail's *anchor*: the byte length, line count and hash of the trail's last line, written in
# the snapshot by the same atomic replace that folds the journal (whose records carry the
# entries not yet in the trail, so those are anchored by the journal itself). A trail that no
# longer matches its anchor is a break; the break is kept in the anchor (``putus``) until the
# user accepts it (``lkjip check --terima-putus``, itself recorded), so a later write cannot
# hide it.
def baca_mentah(riwayat: Path) -> bytes:
    """The trail's bytes (empty when there is none yet)."""
    try:
        return Path(riwayat).read_bytes()
    except FileNotFoundError:
        return b""


def _baris_isi(raw: bytes) -> list[bytes]:
    return [b for b in raw.split(b"\n") if b.strip()]


def jangkar_dari(raw: bytes, putus: list[str] | None = None) -> dict[str, Any]:
    """The anchor of a trail's bytes: what the database records about it."""
    baris = _baris_isi(raw)
    j: dict[str, Any] = {"ukuran": len(raw), "jumlah": len(baris),
                         "sidik": _sidik(baris[-1]) if baris else AWAL_RANTAI}
    if putus:
        j["putus"] = list(putus)
    return j


def jangkar_sah(j: Any) -> bool:
    return (isinstance(j, dict) and isinstance(j.get("sidik"), str) and type(j.get("ukuran")) is int
            and type(j.get("jumlah")) is int and isinstance(j.get("putus", []), list))


def periksa_jangkar(raw: bytes, jangkar: Any, tertunda: Sequence[dict[str, Any]] = ()) -> str | None:
    """Why the trail's bytes no longer match the anchor the database recorded, or None.
    Lines after the anchored length are accepted only when they are the journal's own
    entries (``tertunda``: a crash between appending them and replacing the snapshot) or an
    unreadable torn append (reported on its own by :func:`periksa_rantai`)."""
    if not jangkar_sah(jangkar):
        return None  # a database from before the anchor: nothing to compare with yet
    ukuran = jangkar["ukuran"]
    if len(raw) < ukuran:
        return (f"riwayat lebih pendek ({len(raw)} byte) dari yang tercatat di basis data ({ukuran} byte): "
                "riwayat dipotong")
    baris = _baris_isi(raw[:ukuran])
    if len(baris) != jangkar["jumlah"] or (_sidik(baris[-1]) if baris else AWAL_RANTAI) != jangkar["sidik"]:
        return (f"isi riwayat sampai entri ke-{jangkar['jumlah']} tidak lagi sama dengan yang tercatat di basis "
                "data: riwayat diubah, dipotong atau disisipi")
    milik = {(e.get("gen"), e.get("seq")): e for e in tertunda}
    for line in _baris_isi(raw[ukuran:]):
        try:
            e = json.loads(line.decode(ENCODING))
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue
        if not isinstance(e, dict):
            continue
        isi = {k: v for k, v in e.items() if k != "hash_sebelum"}
        if milik.get((isi.get("gen"), isi.get("seq"))) != isi:
            return ("ada entri di akhir riwayat yang tidak tercatat di basis data: ditambahkan dari luar lkjip "
                    f"({str(e.get('waktu'))[:25]}, {str(e.get('pengguna'))[:40]})")
    return None


def sambung_riwayat(path: Path, entri: list[dict[str, Any]], jangkar: Any, tertunda: Sequence[dict[str, Any]] = (),
                    terima: bool = False) -> dict[str, Any]:
    """Append entries (as :func:`tambah_riwayat`) and return the trail's new anchor. A trail
    that broke its old anchor gets the break kept in the new one (``putus``), unless the
    user accepts (``terima``) the breaks."""
    raw = baca_mentah(path)
    putus = [] if terima else list(jangkar.get("putus") or []) if jangkar_sah(jangkar) else []
    if not terima:
        salah = periksa_jangkar(raw, jangkar, tertunda)
        if salah:
            putus.append(f"{_waktu()[:19].replace('T', ' ')}: {salah}")
    tambah_riwayat(path, entri)
    try:
        with open(path, "rb") as f:
            f.seek(len(raw))
            sisa = f.read()
    except FileNotFoundError:  # nothing to append and no trail yet
        sisa = b""
    return jangkar_dari(raw + sisa, putus)


def entri_terima(raw: bytes, masalah: list[tuple[int, str]], pengguna: str, putus: list[str]) -> dict[str, Any]:
    """The riwayat entry of the user accepting the reported breaks: it names each broken
    line by its hash, so :func:`periksa_rantai` stops reporting exactly those lines."""
    per_nomor = dict(enumerate(raw.split(b"\n"), 1))
    diterima = sorted({_sidik(per_nomor[n]) for n, _ in masalah if n in per_nomor and per_nomor[n].strip()})
    return {"waktu": _waktu(), "pengguna": pengguna, "tahun": [],
            "keterangan": f"putus rantai riwayat diterima ({len(masalah) + len(putus)} masalah)",
            "diterima": diterima, "putus_diterima": list(putus)}


def periksa_rantai(db_path: str | Path, sidik_snapshot: str | None = None, jangkar: Any = None,
                   tertunda: Sequence[dict[str, Any]] = ()) -> list[tuple[int, str]]:
    """Where the trail's hash chain breaks: (line number, what is wrong). Entries written
    before the chain existed (no ``hash_sebelum``) at the start are accepted as unverified;
    a line that does not parse is reported but does not break the chain (a torn append).
    With the database's ``jangkar`` (see :func:`periksa_jangkar`) a changed, cut or extended
    tail is reported too, and so are the breaks the anchor keeps until they are accepted;
    lines an acceptance entry names are no longer reported."""
    db_path = Path(db_path)
    raw = baca_mentah(jalur_riwayat(db_path))
    masalah = _periksa_rantai(raw, sidik_snapshot if not jangkar_sah(jangkar) else None)
    if jangkar_sah(jangkar):
        akhir = len(raw.split(b"\n")) + (0 if raw.endswith(b"\n") or not raw else 1)
        salah = periksa_jangkar(raw, jangkar, tertunda)
        masalah += [(akhir, m) for m in list(jangkar.get("putus") or []) + ([salah] if salah else [])]
    return masalah


def _periksa_rantai(raw: bytes, sidik_snapshot: str | None) -> list[tuple[int, str]]:
    masalah: list[tuple[int, str]] = []
    diterima: set[str] = set()
    for _, e in _pecah_bernomor(raw):
        if e is not None and isinstance(e.get("diterima"), list):
            diterima.update(x for x in e["diterima"] if isinstance(x, str))
    sebelum: str | None = None   # hash of the last readable line
    n_sebelum = 0
    mulai = False                # a chained entry has been seen
    semua_sidik = set()
    for (nomor, line), e in _pecah_bernomor(raw):
        if e is None:
            masalah.append((nomor, "baris tidak terbaca (terpotong atau diubah)"))
            continue
        h = e.get("hash_sebelum")
        if h is None:
            if mulai:
                masalah.append((nomor, "entri tanpa tanda rantai: disisipkan atau diubah"))
        else:
            if h != (sebelum or AWAL_RANTAI):
                lalu = f"baris {n_sebelum}" if n_sebelum else "awal riwayat"
                masalah.append((nomor, f"rantai putus: {lalu} atau baris ini diubah, atau ada entri yang "
                                       f"dihapus/disisipkan di antaranya"))
            mulai = True
        sebelum, n_sebelum = _sidik(line), nomor
        semua_sidik.add(sebelum)
    if diterima:
        isi = dict(enumerate(raw.split(b"\n"), 1))
        masalah = [(n, m) for n, m in masalah if _sidik(isi[n]) not in diterima]
    if sidik_snapshot and sidik_snapshot != AWAL_RANTAI and sidik_snapshot not in semua_sidik:
        masalah.append((n_sebelum + 1, "entri terakhir yang tercatat di basis data tidak ada lagi: riwayat "
                                       "dipotong atau diubah"))
    return masalah


def baca_riwayat(db_path: str | Path, tahun: int | None = None, batas: int | None = None) -> list[dict[str, Any]]:
    """Every audit entry of the database, newest first; ``tahun`` keeps entries touching it."""
    db_path = Path(db_path)
    riwayat = jalur_riwayat(db_path)
    try:
        raw = riwayat.read_bytes()
    except FileNotFoundError:
        raw = b""
    putus = dict(periksa_rantai(db_path)) if raw else {}
    semua = []
    for (nomor, _), e in _pecah_bernomor(raw):
        if e is not None:
            semua.append({**e, "_putus": putus[nomor]} if nomor in putus else e)
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
        semua = [e for e in semua if isinstance(e.get("tahun"), list) and tahun in e["tahun"]]

    def kunci(e: dict[str, Any]) -> float:
        try:
            return datetime.fromisoformat(e.get("waktu", "")).timestamp()
        except (TypeError, ValueError, OverflowError):
            return 0.0
    semua = list(reversed(semua))
    semua.sort(key=kunci, reverse=True)  # stable: same second keeps newest-appended first
    return semua[:batas] if batas else semua


# ------------------------------------------------------------------ display
# Stored fields holding a number (as a decimal string): shown the Indonesian way, 5.411.500 and 25,5
_ANGKA = frozenset({"realisasi", "pagu", "pagu_murni", "target", "standar_nasional", "nilai", "bobot",
                    "laki_laki", "perempuan", "triwulan", "bulanan", "desimal"})
_DESIMAL = re.compile(r"-?\d+(\.\d+)?")


def _nilai(v: Any, angka: bool = False) -> str:
    if v is None:
        return "(kosong)"
    if (angka and isinstance(v, (str, int)) and not isinstance(v, bool) and len(str(v)) <= 40
            and _DESIMAL.fullmatch(str(v))):  # longer: no figure of a report; shown cut, as text
        from decimal import Decimal

        from .numbers import format_bebas  # Babel loads only when a history is read
        return format_bebas(Decimal(str(v)))
    if isinstance(v, str):
        return v if len(v) <= 60 else v[:57] + "..."
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:57] + "..."


_TW = ("TW I", "TW II", "TW III", "TW IV")
_BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _label(jalur: tuple[Any, ...], k: Any) -> str:
    """Readable name of one step into a stored row: triwulan 2021 TW III realisasi, bulanan Mar."""
    if jalur and jalur[0] == "triwulan" and isinstance(k, int):
        return (_TW[k] if k < 4 else str(k + 1)) if len(jalur) == 2 else ("target", "realisasi")[k] if k < 2 else str(k)
    if jalur == ("bulanan",) and str(k).isdigit() and 1 <= int(k) <= 12:
        return _BULAN[int(k) - 1]
    return str(k)


def _beda(lama: Any, baru: Any, jalur: tuple[Any, ...] = ()) -> list[str]:
    """Only what differs, down to the changed quarter or month."""
    if jalur and (isinstance(lama, dict) or isinstance(baru, dict)) and None in (lama, baru):
        lama, baru = lama or {}, baru or {}  # the first month entered: name each month, not a dict
    if isinstance(lama, dict) and isinstance(baru, dict):
        return [x for k in {**lama, **baru} if lama.get(k) != baru.get(k)
                for x in _beda(lama.get(k), baru.get(k), jalur + (k,))]
    if isinstance(lama, list) and isinstance(baru, list) and len(lama) == len(baru) and jalur:
        return [x for i, (a, b) in enumerate(zip(lama, baru)) if a != b for x in _beda(a, b, jalur + (i,))]
    nama = " ".join(_label(jalur[:n], k) for n, k in enumerate(jalur))
    angka = bool(jalur) and jalur[0] in _ANGKA
    if isinstance(lama, str) and isinstance(baru, str) and not angka:  # a long text: where it changed
        from .beda import ringkas_beda
        return ["{}: {} → {}".format(nama, *ringkas_beda(lama, baru))]
    return [f"{nama}: {_nilai(lama, angka)} → {_nilai(baru, angka)}"]


def teks_perubahan(p: dict[str, Any]) -> str:
    tabel: Any = p.get("tabel")  # raw JSON: a table name, or anything a damaged trail holds
    jenis = NAMA_TABEL.get(tabel, tabel)
    nama = f' "{p["nama"]}"' if p.get("nama") else ""
    kunci = f" {p['kunci']}" if p.get("kunci") and p.get("tabel") in ("tujuan", "sasaran", "indikator", "program", "narasi") else ""
    if p.get("aksi") == "tambah":
        return f"tambah {jenis}{kunci}{nama}"
    if p.get("aksi") == "hapus":
        return f"hapus {jenis}{kunci}{nama}"
    return f"ubah {jenis}{kunci}{nama}: " + "; ".join(_beda(p.get("lama") or {}, p.get("baru") or {}))


def teks_entri(e: dict[str, Any]) -> list[str]:
    """One entry as lines of Indonesian text; a malformed entry (a hand-edited line) as one
    line saying so, never an exception."""
    try:
        return _teks_entri(e)
    except (AttributeError, TypeError, ValueError, KeyError):
        return [f"(entri riwayat tidak terbaca: {json.dumps(e, ensure_ascii=False)[:60]})"]


def _teks_entri(e: dict[str, Any]) -> list[str]:
    try:
        w = datetime.fromisoformat(e.get("waktu", "")).strftime("%d-%m-%Y %H:%M:%S")
    except (TypeError, ValueError):
        w = str(e.get("waktu", "?"))
    tahun = ", ".join(map(str, e.get("tahun") or [])) or "-"
    kepala = f"{w} · {e.get('pengguna') or '?'} · tahun {tahun}"
    if e.get("_putus"):
        kepala = f"!! RANTAI PUTUS ({e['_putus']}) · {kepala}"
    if e.get("keterangan"):
        kepala += f" · {e['keterangan']}"
    baris = [kepala]
    if e.get("ringkasan"):
        for tabel, per in sorted(e["ringkasan"].items()):
            jumlah = ", ".join(f"{n} di{aksi}" for aksi, n in sorted(per.items()))  # ditambah, dihapus, diubah
            baris.append(f"  {NAMA_TABEL.get(tabel, tabel)}: {jumlah}")
    perubahan = e.get("perubahan") or []
    if e.get("keterangan") and all(p.get("aksi") == "ubah" for p in perubahan):
        return baris  # a change made in the app: its keterangan already names row, column and values
    for p in perubahan:
        baris.append("  " + teks_perubahan(p))
    return baris
