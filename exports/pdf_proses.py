"""Typst in processes of their own for a large document.

typst-py keeps every layout it memoised for as long as its process lives: a city-scale PDF
(850 pages, two tables of 10,000 rows) took 1.8 GB in one process, and every further export
in the same process (the app exports on F9, again and again) adds as much. So a large
document's long tables (the pieces pdf.py cut them in, ``HALAMAN_PER_RUN`` pages each) are
typeset a few pieces per process, two processes at a time (two cores), and the document
itself in one more process, where each of those pages is the piece's PDF page laid under the
running header and page number (Typst places a PDF page as a picture; its text stays text).
Each process gives its memory back when it exits. A small document (the demo's, 0.2 s) is
typeset here: processes would cost more than they save.

A child gets the template and the JSON on stdin (the folder of the pieces' PDFs as its
argument), answers with the PDF on stdout, or with exit status 3 and Typst's message on
stderr. A piece whose process cannot start or dies is typeset with the document; a document
whose process fails is typeset here: the same bytes either way.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import anak

BESAR = 1_000_000  # characters of JSON: a document this large is typeset in other processes
GABUNG = 3         # pieces of a long table per process: fewer processes to start, memory still small
_GAGAL = 3  # a child's exit status when Typst refused the document
_HALAMAN = re.compile(rb"/Type\s*/Page\b(?!s)")  # a page object in Typst's (uncompressed) PDF


class TypstGagal(RuntimeError):
    """Typst could not typeset the document: its first line of explanation."""


def susun(templat: bytes, d: dict[str, Any]) -> bytes:
    """The PDF of ``templat`` (pdf.typ) with ``d`` (pdf.naskah_json) as ``sys.inputs.naskah``."""
    data = json.dumps(d, ensure_ascii=False)
    if len(data) < BESAR:
        return _susun(templat, data)
    with tempfile.TemporaryDirectory(prefix="lkjip-pdf-") as folder:
        if _potongan(templat, d, folder):
            data = json.dumps(d, ensure_ascii=False)
        pdf = _di_proses(templat, data, folder)
        return pdf if pdf is not None else _susun(templat, data, folder)


def _potongan(templat: bytes, d: dict[str, Any], folder: str) -> bool:
    """Typesets the long tables' pieces (runs of one table block with their page count) apart,
    and puts their PDF pages in their place in ``d``. True when any was."""
    seksi = [s for s in d["seksi"] if s.get("halaman") and len(s["blok"]) == 1]
    tugas = [seksi[i:i + GABUNG] for i in range(0, len(seksi), GABUNG)]
    dokumen = [json.dumps({**d, "seksi": [{**s, "polos": True} for s in t]}, ensure_ascii=False) for t in tugas]
    with ThreadPoolExecutor(max_workers=2) as pool:  # each thread only waits for its process
        hasil = list(pool.map(lambda x: _di_proses(templat, x), dokumen))
    ada = False
    for k, (t, pdf) in enumerate(zip(tugas, hasil)):
        if pdf is None or len(_HALAMAN.findall(pdf)) != sum(s["halaman"] for s in t):
            continue  # typeset with the document instead
        nama = f"potongan-{k}.pdf"
        Path(folder, nama).write_bytes(pdf)
        dari = 1
        for s in t:
            s["blok"] = [{"k": "lembar", "berkas": nama, "dari": dari, "n": s["halaman"], "lanskap": s["lanskap"]}]
            dari += s["halaman"]
        ada = True
    return ada


def _susun(templat: bytes, data: str, folder: str | None = None) -> bytes:
    import typst  # the compiler loads only for a PDF export

    try:
        # timestamp: no clock in the file, the same report gives the same bytes. No tags (a
        # tagged, accessible PDF): they make a city-scale PDF 38.7 MB instead of 2.6 MB (the
        # demo 0.72 MB instead of 0.17 MB) and cost 0.7 s, and offices upload it to e-SAKIP
        # over slow lines; its text stays selectable and searchable without them.
        # (the stub types input and root with one type variable: bytes and a folder's name differ)
        pdf = typst.compile(templat, root=folder, ignore_system_fonts=True,  # type: ignore[type-var]
                            sys_inputs={"naskah": data}, timestamp=0, pdf_tags=False)
    except typst.TypstError as e:
        raise TypstGagal(str(e).splitlines()[0]) from None
    assert isinstance(pdf, bytes)  # one PDF, not a page per file
    return pdf


def _di_proses(templat: bytes, data: str, folder: str | None = None) -> bytes | None:
    baris, env = anak.perintah("exports.pdf_proses", *([folder] if folder else []))
    masuk = len(templat).to_bytes(8, "big") + templat + data.encode()
    try:
        p = subprocess.run(baris, input=masuk, capture_output=True, env=env, cwd=anak.FOLDER,
                           creationflags=anak.TANPA_JENDELA)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if p.returncode == _GAGAL:
        raise TypstGagal(p.stderr.decode(errors="replace").strip())
    return p.stdout if p.returncode == 0 and p.stdout.startswith(b"%PDF") else None


def main() -> None:
    masuk = sys.stdin.buffer.read()
    n = int.from_bytes(masuk[:8], "big")
    try:
        pdf = _susun(masuk[8:8 + n], masuk[8 + n:].decode(), sys.argv[1] if len(sys.argv) > 1 else None)
    except TypstGagal as e:
        sys.stderr.write(str(e))
        sys.exit(_GAGAL)
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":
    main()
