"""One export run: which tables, which formats, writing the files. The CLI (``lkjip export``)
and the TUI's Laporan screen both call :func:`ekspor`, so they write the same files.

Every file is written whole with :func:`store.storage.tulis_atomik`: an existing file is
replaced only by a complete new one.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from store.bundle import dump_bundle
from store.models import Laporan
from store.storage import fsync_folder, tulis_atomik
from store.tanpa_gc import tanpa_gc

from .builders import Konteks, bangun_tabel, nomor_tabel, satu_per_satu
from .csv_writer import GAYA, tabel_csv
from .document import dokumen_md
from .markdown import tabel_md, tabel_teks
from .tables import Tabel
from .xlsx import nama_sheet, rencana, rencana_sheet, tulis_rencana
from .xlsx_proses import ProsesXlsx

FORMAT = ("md", "csv", "xlsx", "docx", "json")
Progres = Callable[[int, int, str], None]


class EksporTidakSah(ValueError):
    """A format, table number or CSV style the user asked for does not exist; the message says which."""


def _daftar(teks: str | Iterable[str]) -> list[str]:
    bagian = teks.split(",") if isinstance(teks, str) else list(teks)
    return [b.strip() for b in bagian if b.strip()]


def baca_format(teks: str | Iterable[str]) -> list[str]:
    """``"md,csv"`` → ``["md", "csv"]`` in the order given, duplicates dropped."""
    pilih = [f.lower() for f in _daftar(teks)]
    salah = [f for f in pilih if f not in FORMAT]
    if salah or not pilih:
        raise EksporTidakSah(f"Format tidak dikenal: {', '.join(salah) or '(kosong)'} "
                             f"(yang tersedia: {', '.join(FORMAT)})")
    return list(dict.fromkeys(pilih))


def baca_gaya_csv(gaya: str) -> str:
    if gaya not in GAYA:
        raise EksporTidakSah(f"Gaya CSV tidak dikenal: {gaya} (yang tersedia: {', '.join(GAYA)})")
    return gaya


def baca_tabel(lap: Laporan, teks: str | Iterable[str] | None) -> list[str] | None:
    """Table numbers as typed (``"3.2, 3.17"``; ``Tabel 3.2.`` also accepted); None = all."""
    if teks is None:
        return None
    ada = nomor_tabel(lap)
    pilih = [t.lower().removeprefix("tabel").strip().rstrip(".") for t in _daftar(teks)]
    salah = [t for t in pilih if t not in ada]
    if salah or not pilih:
        raise EksporTidakSah(f"Tabel tidak dikenal: {', '.join(salah) or '(kosong)'} "
                             f"(tabel tahun {lap.tahun}: {', '.join(ada)})")
    return list(dict.fromkeys(pilih))


def nama_berkas(lap: Laporan, formats: Sequence[str], nomor: Sequence[str] | None = None) -> list[str]:
    """The files an export will write, in writing order (for the TUI to show before it runs)."""
    daftar = nomor if nomor is not None else nomor_tabel(lap)
    nama: list[str] = []
    if "md" in formats:
        nama += [f"tabel-{n}.md" for n in daftar]
        if nomor is None:
            nama.append(f"laporan-{lap.tahun}.md")
    if "docx" in formats:  # always the whole document
        nama.append(f"laporan-{lap.tahun}.docx")
    if "csv" in formats:
        nama += [f"tabel-{n}.csv" for n in daftar]
    if "xlsx" in formats:
        nama.append(f"laporan-{lap.tahun}.xlsx")
    if "json" in formats:
        nama.append(f"lkjip-{lap.tahun}.json")
    return nama


def ekspor(lap: Laporan, out: str | Path, formats: Iterable[str] = FORMAT, tabel: Iterable[str] | None = None,
           csv_gaya: str = "excel", on_progress: Progres | None = None) -> list[Path]:
    """Write the chosen tables in the chosen formats into ``out`` (created when missing).

    ``tabel`` None means every table plus the whole document ``laporan-<tahun>.md``; a
    selection writes only those tables. ``on_progress(done, total, name)`` is called after
    each file. Raises :class:`EksporTidakSah` before writing anything when a choice is
    unknown, and ``OSError`` when the folder cannot be written.
    """
    formats = baca_format(formats)
    csv_gaya = baca_gaya_csv(csv_gaya)
    nomor = baca_tabel(lap, tabel)
    proses = _proses_xlsx(lap, formats, nomor)
    try:
        # Tables, cells and their texts live until the files are written: the collector
        # would only walk them (and the report) again and again, about a tenth of the time.
        with tanpa_gc():
            return _ekspor(lap, Path(out), formats, nomor, csv_gaya, on_progress, proses)
    finally:
        if proses is not None:
            proses.tutup()


def _ekspor(lap: Laporan, folder: Path, formats: list[str], nomor: list[str] | None, csv_gaya: str,
            on_progress: Progres | None, proses: ProsesXlsx | None) -> list[Path]:
    konteks = Konteks(lap)
    daftar: list[Tabel | None] = []
    xlsx_lokal: list = []
    if {"md", "csv", "xlsx", "docx"} & set(formats):
        for i, t in enumerate(satu_per_satu(lap, nomor, konteks)):
            daftar.append(t)
            if "xlsx" in formats:
                # Planning a sheet formats every cell, which the Markdown and CSV then share.
                # The other process writes each sheet as soon as it is planned, and closes the
                # workbook while this process goes on with Markdown, CSV and the bundle.
                sheet = rencana_sheet(t)
                if proses is not None:
                    proses.tambah(i, sheet)
                else:
                    xlsx_lokal.append(sheet)
    if proses is not None:
        proses.cukup()
    nomor_ada = [t.nomor for t in daftar]
    md_cache: dict[str, str] = {}

    def md(t: Tabel) -> str:
        if t.nomor not in md_cache:
            md_cache[t.nomor] = tabel_md(t)
        return md_cache[t.nomor]

    def dokumen() -> bytes:
        per_nomor = {t.nomor: t for t in daftar if t is not None}
        return dokumen_md(lap, per_nomor, md).encode("utf-8")

    def docx() -> bytes:
        from .docx import dokumen_docx  # python-docx and lxml load only for a Word export

        # The whole document even when only some tables were chosen: build them all then.
        semua = daftar if nomor is None else bangun_tabel(lap, None, konteks)
        return dokumen_docx(lap, {t.nomor: t for t in semua if t is not None})

    def csv_(i: int) -> bytes:
        data = tabel_csv(daftar[i], csv_gaya)
        daftar[i] = None  # its last file: let the table and its texts go (memory at city scale)
        return data

    tugas: list[tuple[str, Callable[[], bytes]]] = []
    if "md" in formats:
        tugas += [(f"tabel-{n}.md", lambda i=i: md(daftar[i]).encode("utf-8")) for i, n in enumerate(nomor_ada)]
        if nomor is None:
            tugas.append((f"laporan-{lap.tahun}.md", dokumen))
    if "docx" in formats:  # before the CSV, which lets each table go
        tugas.append((f"laporan-{lap.tahun}.docx", docx))
    if "csv" in formats:
        tugas += [(f"tabel-{n}.csv", lambda i=i: csv_(i)) for i, n in enumerate(nomor_ada)]
    bundle: list[bytes] = []

    def json_() -> bytes:
        return bundle.pop() if bundle else dump_bundle(lap).encode("utf-8")

    if "xlsx" in formats:
        def xlsx() -> bytes:
            if proses is None:
                return tulis_rencana(xlsx_lokal)
            if "json" in formats:  # make the bundle while the other process finishes the workbook
                bundle.append(json_())
            hasil = proses.selesai()
            # The other process failed: write the workbook here (slower, same bytes).
            return hasil if hasil is not None else tulis_rencana(rencana(bangun_tabel(lap, nomor, konteks)))

        tugas.append((f"laporan-{lap.tahun}.xlsx", xlsx))
    if "json" in formats:
        tugas.append((f"lkjip-{lap.tahun}.json", json_))

    folder.mkdir(parents=True, exist_ok=True)
    return _tulis_semua(folder, tugas, on_progress)


# From this many subkegiatan the XLSX workbook is written in a second process while this one
# writes Markdown, CSV and the bundle: xlsxwriter is about half of a city-scale export.
BESAR = 2000


def _proses_xlsx(lap: Laporan, formats: list[str], nomor: list[str] | None) -> ProsesXlsx | None:
    """A second process for the workbook of a large report on a machine with two or more
    cores; None otherwise, or when it cannot start."""
    if "xlsx" not in formats or (os.cpu_count() or 1) < 2:
        return None
    if sum(1 for _ in lap.semua_subkegiatan()) < BESAR:
        return None
    # Started first: its interpreter starts while the tables are built.
    return ProsesXlsx.mulai([nama_sheet(n) for n in (nomor if nomor is not None else nomor_tabel(lap))])


PENULIS = 4  # writer threads: fsync waits on the disk, not the CPU, and releases the GIL
MAKS_ANTRE = 16  # files made but not yet on disk


def _tulis_semua(folder: Path, tugas: list[tuple[str, Callable[[], bytes]]],
                 on_progress: Progres | None) -> list[Path]:
    """Make each file's bytes here and write them (each atomically: temp file, fsync,
    replace) on a few writer threads, so the disk waits overlap each other and the next
    file's formatting; the folder is fsynced once at the end. Files are reported in order;
    ``on_progress`` is called from this thread once a file is in place."""
    ditulis: list[Path] = []
    antre: deque[tuple[str, Future]] = deque()

    def lapor(sampai_habis: bool) -> None:
        while antre and (sampai_habis or antre[0][1].done()):
            nama, f = antre.popleft()
            f.result()  # re-raises the writer's OSError
            ditulis.append(folder / nama)
            if on_progress is not None:
                on_progress(len(ditulis), len(tugas), nama)

    with ThreadPoolExecutor(max_workers=PENULIS, thread_name_prefix="lkjip-tulis") as penulis:
        try:
            for nama, buat in tugas:
                data = buat()
                antre.append((nama, penulis.submit(tulis_atomik, folder / nama, data, False)))
                del data
                if len(antre) > MAKS_ANTRE:  # the disk is behind: wait rather than hold every file's bytes
                    antre[0][1].result()
                lapor(False)
            lapor(True)
            fsync_folder(folder)
        except BaseException:
            for _, f in antre:
                f.cancel()
            raise
    return ditulis


def pratinjau(lap: Laporan, nomor: str, gaya: str = "md") -> str:
    """One table rendered for a preview: ``md`` (Markdown) or ``teks`` (plain text grid)."""
    (n,) = baca_tabel(lap, [nomor])
    (t,) = bangun_tabel(lap, [n])
    return tabel_teks(t) if gaya == "teks" else tabel_md(t)
