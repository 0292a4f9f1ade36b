"""Typst in a process of its own for a large document.

typst-py keeps every layout it memoised for as long as its process lives: after a city-scale
PDF (850 pages) the process holds about 1.8 GB, and every further export adds as much (the
app exports on F9, again and again, in its own process). A second process gives all of it
back when it exits. A small document (the demo's, 0.2 s) is typeset here: a process would
cost more than it saves.

The child gets the template and the JSON on stdin, answers with the PDF on stdout, or with
exit status 3 and Typst's message on stderr. If it cannot start or dies, the document is
typeset here, with the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .xlsx_proses import python_anak

BESAR = 1_000_000  # characters of JSON: a document this large is typeset in a second process
_AKAR = str(Path(__file__).resolve().parent.parent)  # the folder holding the exports package
_GAGAL = 3  # the child's exit status when Typst refused the document


class TypstGagal(RuntimeError):
    """Typst could not typeset the document: its first line of explanation."""


def susun(templat: bytes, data: str) -> bytes:
    """The PDF of ``templat`` (pdf.typ) with ``data`` as ``sys.inputs.naskah``."""
    if len(data) >= BESAR and (pdf := _di_proses(templat, data)) is not None:
        return pdf
    return _susun(templat, data)


def _susun(templat: bytes, data: str) -> bytes:
    import typst  # the compiler loads only for a PDF export

    try:
        # timestamp: no clock in the file, the same report gives the same bytes. No tags (a
        # tagged, accessible PDF): they make a city-scale PDF 38.7 MB instead of 2.6 MB (the
        # demo 0.72 MB instead of 0.17 MB) and cost 0.7 s, and offices upload it to e-SAKIP
        # over slow lines; its text stays selectable and searchable without them.
        pdf = typst.compile(templat, ignore_system_fonts=True, sys_inputs={"naskah": data}, timestamp=0,
                            pdf_tags=False)
    except typst.TypstError as e:
        raise TypstGagal(str(e).splitlines()[0]) from None
    assert isinstance(pdf, bytes)  # one PDF, not a page per file
    return pdf


def _di_proses(templat: bytes, data: str) -> bytes | None:
    python, tambahan = python_anak(sys.executable, getattr(sys, "_base_executable", None), os.name == "nt")
    env = {**os.environ, **tambahan}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_AKAR, env.get("PYTHONPATH")) if p)  # this very copy
    masuk = len(templat).to_bytes(8, "big") + templat + data.encode()
    try:
        p = subprocess.run([python, "-m", "exports.pdf_proses"], input=masuk, capture_output=True, env=env,
                           cwd=_AKAR, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if p.returncode == _GAGAL:
        raise TypstGagal(p.stderr.decode(errors="replace").strip())
    return p.stdout if p.returncode == 0 and p.stdout.startswith(b"%PDF") else None


def main() -> None:
    masuk = sys.stdin.buffer.read()
    n = int.from_bytes(masuk[:8], "big")
    try:
        pdf = _susun(masuk[8:8 + n], masuk[8 + n:].decode())
    except TypstGagal as e:
        sys.stderr.write(str(e))
        sys.exit(_GAGAL)
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":
    main()
