"""A large document is typeset in a second process (typst-py never gives back what it
memoised): the same bytes as here, Typst's refusal still a clear message, and a process that
cannot start never fails the export."""

import io
import os
import subprocess
import sys

import pytest

from exports import pdf_proses
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
    monkeypatch.setattr(pdf_proses, "python_anak", lambda *a: ("/tidak/ada/python", {}))
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


def test_the_child_sees_what_this_process_imports_from_a_path_added_at_run_time(tmp_path, monkeypatch):
    # In the .pyz, Typst lives in shiv's site-packages, added to sys.path at start; a child
    # that did not see it failed and the whole document was typeset in the app's process.
    (tmp_path / "lkjip_uji_anak.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    env = {**os.environ, "PYTHONPATH": pdf_proses.jalur_anak()}
    r = subprocess.run([sys.executable, "-c", "import lkjip_uji_anak, exports.pdf_proses"], env=env,
                       cwd=pdf_proses._FOLDER, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
