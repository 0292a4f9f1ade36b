"""Where an export's workbook is written: :func:`penulis_xlsx`, one small interface.

    penulis = penulis_xlsx(nama_sheet, proses=besar, ulang=lambda: rencana(...))
    penulis.tambah(i, sheet)   # each sheet as soon as it is planned, in any order
    penulis.cukup()            # no more sheets
    data = penulis.selesai()   # the workbook's bytes
    penulis.tutup()            # always (finally): a cancelled export leaves no process behind

A small report's workbook is written here (:class:`BukuLokal`). A large one's goes to a
second process (:class:`ProsesXlsx`): xlsxwriter is the biggest single cost of a city-scale
export (about 1 s for 100,000 cells), and measured at city scale the second process keeps
``lkjip export`` at 1.0 s and 125 MB where writing here takes 1.3 s and 150 MB (the memory
target). It takes each sheet as soon as this process has planned it, so it works through the
sheets while the remaining tables are still being built, and closes the workbook while this
process writes Markdown, CSV and the bundle.

It is a plain subprocess fed through its stdin, not ``multiprocessing``: that would import
this program's ``__main__`` again in the child (the whole CLI, or the benchmark), and here
the child imports xlsxwriter and one small module, nothing else.

Nothing here may fail the export: if the process cannot start, dies, or reports an error,
the workbook is written here from ``ulang()`` (the sheet plans made again), with the same
bytes, only slower.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Protocol

from . import anak

if TYPE_CHECKING:  # the names only: the child process imports xlsxwriter when it needs it
    from .xlsx import Rencana
    from .xlsx_buku import Sheet

_AKHIR = pickle.dumps(None)  # after the last sheet
_PAMIT = 10  # seconds a finished writer may take to exit before it is killed


class PenulisXlsx(Protocol):
    def tambah(self, indeks: int, sheet: Sheet) -> None: ...
    def cukup(self) -> None: ...
    def selesai(self) -> bytes: ...
    def tutup(self) -> None: ...


def penulis_xlsx(nama_sheet: list[str], proses: bool, ulang: Callable[[], Rencana]) -> PenulisXlsx:
    """The workbook's writer: a second process when ``proses`` and it starts, else this one.
    ``ulang()`` plans every sheet again, for a process that fails half-way."""
    if proses and (p := ProsesXlsx.mulai(nama_sheet, ulang)) is not None:
        return p
    return BukuLokal(nama_sheet)


class BukuLokal:
    """The workbook written in this process, once every sheet is planned."""

    def __init__(self, nama_sheet: list[str]) -> None:
        self._sheet: dict[int, list[Sheet]] = {}

    def tambah(self, indeks: int, sheet: Sheet) -> None:
        self._sheet.setdefault(indeks, []).append(sheet)

    def cukup(self) -> None:
        pass

    def selesai(self) -> bytes:
        from .xlsx import tulis_rencana

        rencana = [self._sheet[i] for i in sorted(self._sheet)]
        self._sheet = {}
        return tulis_rencana(rencana)

    def tutup(self) -> None:
        self._sheet = {}


class ProsesXlsx:
    def __init__(self, nama_sheet: list[str], ulang: Callable[[], Rencana]) -> None:
        self._ulang = ulang
        baris, env = anak.perintah("exports.xlsx_proses")  # this very copy of the package, installed or not
        self._proses = subprocess.Popen(baris, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=env, cwd=anak.FOLDER, creationflags=anak.TANPA_JENDELA)
        assert self._proses.stdin is not None and self._proses.stdout is not None  # both are PIPE
        self._ke: IO[bytes] = self._proses.stdin
        self._dari: IO[bytes] = self._proses.stdout
        self._rusak = False
        self._akhir = False
        self._beres = False  # the workbook came back
        # Sheets go through a queue to a sending thread: pipe writes block while the other
        # process is busy, and this process has the other tables to build meanwhile.
        self._antre: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._pengirim = threading.Thread(target=self._kirim_semua, name="lkjip-xlsx-kirim", daemon=True)
        self._pengirim.start()
        self._kirim(nama_sheet)

    @classmethod
    def mulai(cls, nama_sheet: list[str], ulang: Callable[[], Rencana]) -> ProsesXlsx | None:
        try:
            return cls(nama_sheet, ulang)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None

    def tambah(self, indeks: int, sheet: Sheet) -> None:
        """Sheet number ``indeks`` (of the names given at the start), in any order; a sheet's
        parts (exports.xlsx.rencana_potong) in their order."""
        self._kirim((indeks, sheet))

    def _kirim(self, pesan: list[str] | tuple[int, Sheet]) -> None:
        # Pickled here, not in the sending thread: that thread would wait for the GIL while
        # this one builds tables, and the other process would wait for it.
        try:
            self._antre.put(pickle.dumps(pesan, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, ValueError):
            self._rusak = True

    def cukup(self) -> None:
        """No more sheets: the other process closes the workbook now, while this one goes on."""
        if not self._akhir:
            self._akhir = True
            self._antre.put(_AKHIR)

    def _kirim_semua(self) -> None:
        keluar = self._ke
        while True:
            data = self._antre.get()
            if not self._rusak:
                try:
                    keluar.write(data)
                    keluar.flush()  # a small sheet must not wait in the buffer for the next
                    if data is _AKHIR:
                        keluar.close()
                except (OSError, ValueError):
                    self._rusak = True
            if data is _AKHIR:
                return

    def selesai(self) -> bytes:
        """The workbook's bytes; written here from ``ulang()`` when the other process failed."""
        self.cukup()
        self._pengirim.join()
        try:
            if not self._rusak:
                jenis, isi = pickle.load(self._dari)  # ("ok", bytes) or ("gagal", reason): see main
                if jenis == "ok" and isinstance(isi, bytes):
                    self._beres = True
                    self._tutup_pipa()  # done: it exits by itself; tutup() waits for that
                    return isi
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            pass  # died without a word (killed, out of memory, failed to start)
        self.tutup()
        from .xlsx import tulis_rencana

        return tulis_rencana(self._ulang())

    def _tutup_pipa(self) -> None:
        for f in (self._ke, self._dari):
            try:
                f.close()
            except OSError:
                pass

    def tutup(self) -> None:
        """End the process: the export returns only once it is gone. After the workbook came
        back it is exiting by itself (it skips the interpreter's clean-up: see main), so this
        waits a moment; an export cancelled or failed half-way kills it."""
        if self._beres:
            try:
                self._proses.wait(timeout=_PAMIT)
                return
            except subprocess.TimeoutExpired:
                pass  # stuck on its way out: ended below like a failed one
        self._rusak = True
        self.cukup()
        # Kill first: the sending thread may be blocked writing to it, and closing the pipe
        # under that thread would wait for the write.
        if self._proses.poll() is None:
            self._proses.kill()
        self._proses.wait()
        self._pengirim.join(timeout=5)
        self._tutup_pipa()


def main() -> None:
    """The second process: on stdin the pickled list of sheet names, then (index, sheet)
    pairs until None; on stdout ("ok", bytes) or ("gagal", reason), pickled."""
    from store.tanpa_gc import tanpa_gc

    from .xlsx_buku import Buku

    masuk, keluar = sys.stdin.buffer, sys.stdout.buffer
    hasil: tuple[str, bytes | str]
    try:
        with tanpa_gc():  # xlsxwriter keeps every cell until close(): nothing to collect before
            buku = Buku(pickle.load(masuk))
            while (pesan := pickle.load(masuk)) is not None:
                buku.tambah(*pesan)
            hasil = ("ok", buku.selesai())
    except EOFError:
        return  # the exporting process went away
    except Exception as e:  # noqa: BLE001 - reported to the caller, who writes the workbook itself
        hasil = ("gagal", repr(e))
    pickle.dump(hasil, keluar, protocol=pickle.HIGHEST_PROTOCOL)
    keluar.flush()
    # The exporting process waits for this one to end: skip freeing the workbook's hundreds
    # of thousands of objects one by one at exit (everything it wrote is flushed above).
    os._exit(0)


if __name__ == "__main__":
    main()
