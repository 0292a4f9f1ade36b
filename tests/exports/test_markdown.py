from pathlib import Path

import pytest

from exports.builders import bangun_tabel
from exports.markdown import escape, tabel_md, tabel_teks

from .util import NAMA_JAHAT, laporan_jahat

EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("nomor", ["3.2", "3.17"])
def test_matches_checked_in_file(lap, nomor):
    (t,) = bangun_tabel(lap, [nomor])
    assert tabel_md(t) == (EXPECTED / f"tabel-{nomor}.md").read_text(encoding="utf-8")


def test_group_and_total_rows_bold(lap):
    (t,) = bangun_tabel(lap, ["1.1"])
    md = tabel_md(t)
    assert "**KECAMATAN BALIKPAPAN SELATAN**" in md
    assert "**61**" in md and "**59**" in md and "**120**" in md
    assert "| 1 " in md and "**Camat**" not in md


def test_escape():
    assert escape("a|b") == "a\\|b"
    assert escape("x\ny\r\nz") == "x<br>y<br>z"
    assert escape("<b>") == "&lt;b>"
    assert escape("plain") == "plain"


def test_hostile_names_keep_rows_intact():
    lap = laporan_jahat()
    for t in bangun_tabel(lap):
        blok: list[int] = []
        for line in tabel_md(t).splitlines() + [""]:
            if line.startswith("|"):
                blok.append(line.replace("\\|", "").count("|"))
            elif blok:
                # every row of a table block has exactly the header's cell count
                assert set(blok) == {blok[0]}, t.nomor
                blok = []
    (t,) = bangun_tabel(lap, ["3.11"])  # one sasaran: the detailed budget table is 3.11
    assert "=HYPERLINK(\"http://x\")\\|\"kutip\"<br>baris dua" in tabel_md(t)
    assert NAMA_JAHAT.split("\n")[1] in tabel_teks(t)


def test_plain_text_preview_has_no_markup(lap):
    (t,) = bangun_tabel(lap, ["3.17"])
    teks = tabel_teks(t)
    assert "**" not in teks and "24.246.540.687" in teks and teks.startswith("Tabel 3.17.")
