SIZE = (80, 24)


def teks(widget) -> str:
    """The plain text a Static-like widget currently shows."""
    return str(widget.render())
