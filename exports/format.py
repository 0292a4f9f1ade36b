"""The export formats, in the order their files are written. Its own module so that the CLI
can name them in ``--help`` without loading the exporters."""

FORMAT = ("md", "csv", "xlsx", "docx", "pdf", "json")

# What each format holds, for --help and the Laporan screen's list.
NAMA_FORMAT = {"md": "Markdown", "csv": "CSV", "xlsx": "Excel (XLSX)", "docx": "Word (DOCX)", "json": "Bundle JSON",
               "pdf": "PDF"}


def nama_format(f: str) -> str:
    return NAMA_FORMAT.get(f, f.upper())
