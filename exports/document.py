"""The whole report as one Markdown document: BAB headings, captions, tables, summary sentences.

Only what the data determines is written; the narrative the staff write themselves (latar
belakang, analisis penyebab) is left to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from store.calc import Anggaran
from store.models import Laporan

from . import ringkasan
from .builders import katalog
from .tables import Tabel

_BARIS_BARU = re.compile(r"\s*(\r\n|\r|\n)\s*")


def _kalimat(s: str) -> str:
    """User text inside a sentence: one line, no raw HTML."""
    return _BARIS_BARU.sub(" ", s).replace("\\", "\\\\").replace("<", "&lt;")


def dokumen_md(lap: Laporan, tabel: dict[str, Tabel], md: Callable[[Tabel], str],
               total: Anggaran | None = None) -> str:
    """``tabel`` maps every table number to its built table; ``md`` renders one (cached by the caller)."""
    nama = _kalimat(lap.instansi.nama)
    out: list[str] = [f"# Laporan Kinerja Instansi Pemerintah (LKjIP) {nama} Tahun {lap.tahun}", ""]

    def p(*kalimat: str | None) -> None:
        for k in kalimat:
            if k:
                out.extend([_kalimat(k), ""])

    def t(nomor: str) -> None:
        out.append(md(tabel[nomor]))

    entri = katalog(lap)
    per_sasaran = [e for e in entri if e.sasaran is not None]
    anggaran_pk, anggaran_rinci = entri[-2].nomor, entri[-1].nomor

    out += ["## Ringkasan Eksekutif", ""]
    p(*(ringkasan.capaian_sasaran(lap, n, s) for n, s in enumerate(lap.sasaran, 1)))
    p(ringkasan.capaian_organisasi(lap))

    out += ["## BAB I Pendahuluan", "", "### Gambaran Umum Perangkat Daerah", ""]
    t("1.1")

    out += ["## BAB II Perencanaan Kinerja", "", "### A. Perencanaan Strategis", ""]
    t("2.1")
    t("2.2")
    out += ["### B. Indikator Kinerja Utama", ""]
    t("2.3")
    out += ["### C. Perjanjian Kinerja", ""]
    t("2.4")
    out += [f"### D. Rencana Anggaran Tahun {lap.tahun}", ""]
    p(ringkasan.realisasi_anggaran(lap, total))
    t("2.5")

    out += ["## BAB III Akuntabilitas Kinerja", "", "### A. Laporan Hasil Evaluasi atas Implementasi Sistem AKIP", ""]
    p(ringkasan.evaluasi_akip(lap))
    t("3.1")
    out += ["### B. Pengukuran Capaian Kinerja Organisasi", ""]
    t("3.2")
    out += ["### C. Capaian Indikator Kinerja Utama", ""]
    t("3.3")
    out += ["### D. Analisis Capaian Kinerja", ""]
    for n, s in enumerate(lap.sasaran, 1):
        out += [f"#### Sasaran {n}. {_kalimat(s.uraian)}", ""]
        for e in (e for e in per_sasaran if e.sasaran[1] is s):
            t(e.nomor)
        p(ringkasan.analisis_sasaran(lap, s))
    out += ["### E. Realisasi Anggaran", ""]
    t(anggaran_pk)
    t(anggaran_rinci)

    out += ["## BAB IV Penutup", ""]
    p(*(ringkasan.penutup_sasaran(lap, n, s) for n, s in enumerate(lap.sasaran, 1)))
    p(ringkasan.capaian_organisasi(lap), ringkasan.realisasi_anggaran(lap, total))
    return "\n".join(out).rstrip("\n") + "\n"
