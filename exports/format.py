"""The export formats, in the order their files are written. Its own module so that the CLI
can name them in ``--help`` without loading the exporters."""

FORMAT = ("md", "csv", "xlsx", "docx", "pdf", "json")
