from store.repository import Repository

SIZE = (80, 24)

# The demo's one text part whose emptiness some tests set up themselves (the shipped demo has none empty).
TINDAK_LANJUT = "bab3.akip.tindak-lanjut"


def kosongkan(path, kunci: str) -> None:
    """Empty text part ``kunci`` of 2021 in the database at ``path`` (the record stays)."""
    with Repository(path) as repo:
        t = repo.muat(2021).cari_teks(kunci)
        t.isi, t.draf = "", None
        repo.simpan(2021, t)


def hapus_teks(path, kunci: str) -> None:
    """Delete the record of text part ``kunci`` of 2021 in the database at ``path``."""
    with Repository(path) as repo:
        repo.hapus(2021, repo.muat(2021).cari_teks(kunci))


def teks(widget) -> str:
    """The plain text a Static-like widget currently shows."""
    return str(widget.render())
