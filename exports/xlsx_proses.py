"""The XLSX workbook of a large report, written by a second process.

xlsxwriter is the biggest single cost of a city-scale export (about 1 s for 100,000 cells).
A second Python process (``python -m exports.xlsx_proses``, the same on Windows, Linux and
macOS) takes each sheet as soon as this process has planned it, so it works through the
sheets while the remaining tables are still being built, and closes the workbook while this
process writes Markdown, CSV and the bundle.

It is a plain subprocess fed through its stdin, not ``multiprocessing``: that would import
this program's ``__main__`` again in the child (the whole CLI, or the benchmark), and here
the child imports xlsxwriter and one small module, nothing else.

Nothing here may fail the export: if the process cannot start, dies, or reports an error,
:meth:`ProsesXlsx.selesai` returns None and the caller writes the workbook itself.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

_AKHIR = pickle.dumps(None)  # after the last sheet
_AKAR = str(Path(__file__).resolve().parent.parent)  # the folder holding the exports package


class ProsesXlsx:
    def __init__(self, nama_sheet: list[str]) -> None:
        env = dict(os.environ)
        # The child imports this very copy of the package, installed or not.
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_AKAR, env.get("PYTHONPATH")) if p)
        self._proses = subprocess.Popen(
            [sys.executable, "-m", "exports.xlsx_proses"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, cwd=_AKAR,  # not the user's folder: no "exports" there shadows ours
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        self._rusak = False
        self._akhir = False
        self._beres = False  # the workbook came back
        # Sheets go through a queue to a sending thread: pipe writes block while the other
        # process is busy, and this process has the other tables to build meanwhile.
        self._antre: queue.SimpleQueue = queue.SimpleQueue()
        self._pengirim = threading.Thread(target=self._kirim_semua, name="lkjip-xlsx-kirim", daemon=True)
        self._pengirim.start()
        self._kirim(nama_sheet)

    @classmethod
    def mulai(cls, nama_sheet: list[str]) -> ProsesXlsx | None:
        try:
            return cls(nama_sheet)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None

    def tambah(self, indeks: int, sheet) -> None:
        """Sheet number ``indeks`` (of the names given at the start), in any order."""
        self._kirim((indeks, sheet))

    def _kirim(self, pesan) -> None:
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
        keluar = self._proses.stdin
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

    def selesai(self) -> bytes | None:
        """The workbook's bytes, or None when the other process failed."""
        self.cukup()
        self._pengirim.join()
        try:
            if not self._rusak:
                jenis, isi = pickle.load(self._proses.stdout)
                if jenis == "ok":
                    self._beres = True
                    self._tutup_pipa()  # done: it exits by itself (no need to wait for its clean-up)
                    return isi
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            pass  # died without a word (killed, out of memory, failed to start)
        self.tutup()
        return None

    def _tutup_pipa(self) -> None:
        for f in (self._proses.stdin, self._proses.stdout):
            try:
                f.close()
            except OSError:
                pass

    def tutup(self) -> None:
        """Stop the process (an export cancelled or failed half-way must not leave it behind)."""
        if self._beres:
            return
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


if __name__ == "__main__":
    main()
