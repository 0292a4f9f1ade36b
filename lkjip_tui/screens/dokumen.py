"""F8 Atur's rows and forms for what the document needs beyond the figures: the organisation
structure, the year's Perjanjian Kinerja (who signed it, where and when), the decree that set
the IKU and the cover's logo. The rules are ``store/dokumen.py``'s (the bundle import uses the
same); saving goes through the screen's ``_ubah`` (``app.ubah_kepala``), so ctrl+z undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text

from store import dokumen, narasi
from store.dokumen import tulis_nip
from store.models import Laporan, Pejabat, PerjanjianKinerja, SkIku

from ..widgets.formulir import BARIS, Formulir, Isian
from ..widgets.pembaca_pengaturan import baca_nip

BAGIAN = ("organisasi", "perjanjian", "sk_iku", "logo")  # the Laporan fields these forms change
KUNCI = ("organisasi", "pk", "sk_iku", "logo")  # their rows in F8


def _t(s: str, kosong: str = "- (belum diisi)") -> Text:
    return Text(s) if s else Text(kosong, style="dim")


def baris(lap: Laporan) -> list[tuple[str, str, Text]]:
    """(key, label, content) of the four rows."""
    org = lap.organisasi
    ringkas_org = f"{len(org)} unit: " + ", ".join(u.nama for u, k in zip(org, dokumen.kedalaman(org)) if k <= 1)
    pk = lap.perjanjian
    ringkas_pk = "" if pk is None else " · ".join(x for x in (
        dokumen.tulis_tanggal(pk.tanggal), pk.pihak_pertama.nama, pk.pihak_kedua.nama) if x)
    sk = lap.sk_iku
    ringkas_sk = "" if sk is None else ", ".join(x for x in (sk.nomor, dokumen.tulis_tanggal(sk.tanggal)) if x)
    png = dokumen.logo_png(lap.logo)
    return [
        ("organisasi", "Organisasi", _t(ringkas_org if org else "")),
        ("pk", f"PK {lap.tahun}", _t(ringkas_pk)),
        ("sk_iku", "SK penetapan IKU", _t(ringkas_sk)),
        ("logo", "Logo sampul", _t(f"PNG {max(1, len(png) // 1024)} KB" if png else "", "- (tanpa logo)")),
    ]


def _baca_tanggal(teks: str) -> str:
    return dokumen.baca_tanggal(teks)


def _baca_logo(teks: str) -> str | None:
    """A path to a PNG file → its base64; empty: no logo."""
    jalur = teks.strip().strip('"')
    if not jalur:
        return None
    p = Path(jalur).expanduser()
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"berkas {p} tidak ada") from None
    except IsADirectoryError:
        raise ValueError(f"{p} adalah folder, bukan berkas PNG") from None
    except OSError as e:
        raise ValueError(f"berkas {p} tidak dapat dibaca: {e.strerror or e}") from None
    return dokumen.baca_logo(data)


def _pejabat(awal: str, label: str, p: Pejabat, contoh: str) -> list[Isian]:
    return [Isian(f"{awal}_nama", f"{label}: nama", p.nama, str.strip),
            Isian(f"{awal}_jabatan", f"{label}: jabatan", p.jabatan, str.strip, contoh),
            Isian(f"{awal}_nip", f"{label}: NIP", tulis_nip(p.nip) or "", baca_nip, "18 angka; boleh kosong")]


def _pejabat_dari(h: dict[str, Any], awal: str) -> Pejabat:
    return Pejabat(h[f"{awal}_nama"], h[f"{awal}_jabatan"], h[f"{awal}_nip"])


def formulir(key: str, lap: Laporan) -> tuple[Formulir, Callable[[dict[str, Any]], Callable[[Laporan], None]], str]:
    """The form of row ``key``, the change its values make, and the riwayat's words for it."""
    if key == "organisasi":
        isian = [Isian("susunan", "Unit (satu per baris)", dokumen.tulis_susunan(lap.organisasi),
                       dokumen.baca_susunan, jenis=BARIS, tinggi=12)]
        catatan = ("Satu unit per baris, urut seperti di struktur. Unit yang berada di bawah unit lain "
                   "ditulis menjorok dua spasi lebih dalam dari atasannya. Dipakai untuk daftar susunan "
                   "organisasi BAB I dan Gambar 1.1. Ctrl+S menyimpan.")

        def organisasi(h: dict[str, Any]) -> Callable[[Laporan], None]:
            return lambda lap: setattr(lap, "organisasi", h["susunan"])
        return Formulir("Struktur organisasi", isian, catatan=catatan, fokus_galat=True), organisasi, \
            "struktur organisasi"
    if key == "pk":
        pk = lap.perjanjian or PerjanjianKinerja(  # first time: the signing place and today's head
            tempat=narasi.tanda_tangan(lap).tempat,
            pihak_pertama=Pejabat(lap.instansi.kepala.nama, lap.instansi.kepala.jabatan, lap.instansi.kepala.nip))
        isian = [Isian("tempat", "Tempat", pk.tempat, str.strip, "mis. Balikpapan"),
                 Isian("tanggal", "Tanggal", pk.tanggal and dokumen.tulis_tanggal(pk.tanggal), _baca_tanggal,
                       f"mis. 04-01-{lap.tahun} atau Januari {lap.tahun}"),
                 *_pejabat("p1", "Pihak Pertama", pk.pihak_pertama, "mis. Camat Balikpapan Selatan"),
                 *_pejabat("p2", "Pihak Kedua", pk.pihak_kedua, "mis. Wali Kota Balikpapan")]
        catatan = (f"Perjanjian Kinerja tahun {lap.tahun} sebagaimana ditandatangani: Pihak Pertama adalah "
                   "kepala yang menandatanganinya saat itu. Tampil di lampiran dokumen.")

        def perjanjian(h: dict[str, Any]) -> Callable[[Laporan], None]:
            baru = PerjanjianKinerja(h["tanggal"], h["tempat"], _pejabat_dari(h, "p1"), _pejabat_dari(h, "p2"))
            return lambda lap: setattr(lap, "perjanjian", baru)
        return Formulir(f"Perjanjian Kinerja {lap.tahun}", isian, catatan=catatan, fokus_galat=True), perjanjian, \
            f"Perjanjian Kinerja {lap.tahun}"
    if key == "sk_iku":
        sk = lap.sk_iku or SkIku()
        isian = [Isian("nomor", "Nomor", sk.nomor, str.strip, "mis. 188.4/102/Balsel"),
                 Isian("tanggal", "Tanggal", sk.tanggal and dokumen.tulis_tanggal(sk.tanggal), _baca_tanggal,
                       "mis. 03-09-2019"),
                 Isian("judul", "Tentang", sk.judul, str.strip, "mis. Penetapan Indikator Kinerja Utama"),
                 *_pejabat("p", "Ditetapkan oleh", sk.penetap, "mis. Camat Balikpapan Selatan")]

        def sk_iku(h: dict[str, Any]) -> Callable[[Laporan], None]:
            baru = SkIku(h["nomor"], h["tanggal"], h["judul"], _pejabat_dari(h, "p"))
            kosong = baru == SkIku()
            return lambda lap: setattr(lap, "sk_iku", None if kosong else baru)
        return Formulir("Keputusan penetapan IKU", isian, fokus_galat=True), sk_iku, "SK penetapan IKU"
    isian = [Isian("logo", "Berkas PNG", "", _baca_logo, "mis. C:\\Dokumen\\logo.png; kosong: tanpa logo")]
    catatan = (f"Logo di sampul dokumen Word: berkas PNG paling besar {dokumen.MAKS_LOGO // 1024} KB. "
               "Isinya disimpan di basis data, jadi berkasnya boleh dipindah sesudahnya. "
               "Simpan dengan isian kosong untuk menghapus logo.")

    def logo(h: dict[str, Any]) -> Callable[[Laporan], None]:
        return lambda lap: setattr(lap, "logo", h["logo"])
    return Formulir("Logo sampul", isian, catatan=catatan, fokus_galat=True), logo, "logo sampul"
