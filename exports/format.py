"""The export formats, in the order their files are written. Its own module so that the CLI
can name them in ``--help`` without loading the exporters."""

from collections.abc import Iterable
from pathlib import PurePath

FORMAT = ("md", "csv", "xlsx", "docx", "pdf", "json")

# What each format holds, for --help and the Laporan screen's list.
NAMA_FORMAT = {"md": "Markdown", "csv": "CSV", "xlsx": "Excel (XLSX)", "docx": "Word (DOCX)", "json": "Bundle JSON",
               "pdf": "PDF"}


def nama_format(f: str) -> str:
    return NAMA_FORMAT.get(f, f.upper())


def ada_dokumen(berkas: Iterable[PurePath]) -> bool:
    """Whether the files written include the report document (Markdown, Word or PDF): then the
    CLI and F9 say what it still lacks (exports.naskah.sisa)."""
    return any(p.name.startswith("laporan-") and p.suffix in (".md", ".docx", ".pdf") for p in berkas)
