"""A large document is typeset in a second process (typst-py never gives back what it
memoised): the same bytes as here, Typst's refusal still a clear message, and a process that
cannot start never fails the export."""

import io
import subprocess

import pytest

from exports import anak, pdf_proses
from exports.builders import bangun_tabel
from exports.pdf import PdfGagal, dokumen_pdf
from store.demo import demo_laporan


@pytest.fixture(scope="module")
def demo():
    lap = demo_laporan()
    return lap, {t.nomor: t for t in bangun_tabel(lap)}


def test_a_large_document_goes_to_a_second_process_with_the_same_bytes(monkeypatch, demo):
    di_sini = dokumen_pdf(*demo)
    anak = []
    jalan = subprocess.run

    def catat(perintah, **kw):
        anak.append(perintah)
        return jalan(perintah, **kw)

    monkeypatch.setattr(pdf_proses, "BESAR", 0)  # the demo counts as large
    monkeypatch.setattr(pdf_proses.subprocess, "run", catat)
    assert dokumen_pdf(*demo) == di_sini
    assert len(anak) == 1 and anak[0][1:3] == ["-m", "exports.pdf_proses"]  # the demo has no long table


def test_a_process_that_cannot_start_typesets_here(monkeypatch, demo):
    di_sini = dokumen_pdf(*demo)
    monkeypatch.setattr(pdf_proses, "BESAR", 0)
    monkeypatch.setattr(anak, "python_anak", lambda *a: ("/tidak/ada/python", {}))
    assert dokumen_pdf(*demo) == di_sini


def test_typsts_refusal_from_the_second_process_is_one_clear_line(monkeypatch):
    with pytest.raises(pdf_proses.TypstGagal, match="unknown variable: tidak_ada"):
        pdf_proses._di_proses(b"#tidak_ada", "{}")
    monkeypatch.setattr(pdf_proses, "BESAR", 0)
    monkeypatch.setattr(pdf_proses, "_di_proses", lambda *a: (_ for _ in ()).throw(pdf_proses.TypstGagal("x")))
    with pytest.raises(PdfGagal, match="^PDF tidak dapat disusun: x$"):
        lap = demo_laporan()
        dokumen_pdf(lap, {t.nomor: t for t in bangun_tabel(lap)})


def test_long_tables_typeset_apart_give_the_same_bytes_each_time_and_the_same_pages(monkeypatch, demo):
    from pypdf import PdfReader

    from exports import pdf_tabel

    monkeypatch.setattr(pdf_tabel, "HALAMAN_PER_RUN", 1)  # Tabel 3.17 cut into pages
    monkeypatch.setattr(pdf_tabel, "PANJANG", 1)
    satu = dokumen_pdf(*demo)
    monkeypatch.setattr(pdf_proses, "BESAR", 0)
    pertama, kedua = dokumen_pdf(*demo), dokumen_pdf(*demo)
    assert pertama == kedua  # no temporary folder's name or clock in the file
    assert b"potongan-0.pdf" not in pertama
    halaman = [PdfReader(io.BytesIO(x)).pages for x in (satu, pertama)]
    assert len(halaman[0]) == len(halaman[1])
    assert sum("/XObject" in p["/Resources"] for p in halaman[1]) >= 2  # pages typeset apart


def test_stopped_while_pieces_are_typeset_starts_no_further_piece(monkeypatch, tmp_path):
    # ctrl+C during a city PDF: the pieces still queued are not typeset one after another
    # (seconds each) before the command can end; only the two running finish.
    import threading
    import time

    mulai = []
    kunci = threading.Lock()

    def proses(templat, data, folder=None):
        with kunci:
            mulai.append(data)
            pertama = len(mulai) == 1
        if pertama:
            raise KeyboardInterrupt
        time.sleep(0.3)
        return None

    monkeypatch.setattr(pdf_proses, "_di_proses", proses)
    seksi = [{"halaman": 1, "blok": [{"k": "tabel"}], "lanskap": False} for _ in range(4 * pdf_proses.GABUNG)]
    with pytest.raises(KeyboardInterrupt):
        pdf_proses._potongan(b"", {"seksi": seksi}, str(tmp_path))
    time.sleep(0.5)  # what was still running has ended
    assert len(mulai) < 4, len(mulai)  # four pieces in all: the queued ones never started
