"""Exports after a killed export and after an older version (issue 18 item 9): a stale temp
file is cleaned, and control characters already in the database are not written raw."""

from __future__ import annotations

import os
import time
from decimal import Decimal

import pytest

from exports.run import SISA_TMP_DETIK, EksporTidakSah, ekspor
from store.check import periksa


def test_tmp_sisa_ekspor_yang_dibunuh_dibersihkan(lap, tmp_path):
    lama = tmp_path / ".tabel-2.4.md.k9x2ab_q.tmp"
    baru = tmp_path / ".tabel-2.4.md.zz11yy22.tmp"  # another export may be writing it now
    lain = tmp_path / ".catatan.txt.abcdefgh.tmp"   # not a file this export writes
    for p in (lama, baru, lain):
        p.write_bytes(b"sebagian")
    dulu = time.time() - SISA_TMP_DETIK - 60
    os.utime(lama, (dulu, dulu))
    os.utime(lain, (dulu, dulu))
    ekspor(lap, tmp_path, ["md"], ["2.4"])
    assert (tmp_path / "tabel-2.4.md").exists()
    assert not lama.exists() and baru.exists() and lain.exists()


def test_karakter_kendali_lama_tidak_mentah_di_markdown(lap, tmp_path):
    """An ESC or a bidi override that reached the database before the text rule existed."""
    lap.instansi.nama = "Kecamatan\x1b[2J Selatan"
    lap.program[0].nama = "Program \u202eterbalik"
    lap.instansi.misi = ["Misi \x07 satu"]
    ditulis = ekspor(lap, tmp_path, ["md"])
    teks = "".join(p.read_text(encoding="utf-8") for p in ditulis)
    for c in ("\x1b", "\u202e", "\x07"):
        assert c not in teks
    assert "&lt;U+001B&gt;" in teks and "&lt;U+202E&gt;" in teks and "&lt;U+0007&gt;" in teks


def test_angka_lama_yang_rusak_satu_baris_bukan_traceback(lap, tmp_path):
    """A value an older version let into the database: export says what to do."""
    lap.cari_indikator("I1").target[lap.tahun] = Decimal("1E-999999")  # capaian overflowed
    with pytest.raises(EksporTidakSah, match="lkjip check"):
        ekspor(lap, tmp_path, ["md", "docx"])
    pesan = [str(m) for m in periksa(lap)]
    assert any("1E-999999" in m for m in pesan) and max(map(len, pesan)) < 400
