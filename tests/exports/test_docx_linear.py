"""The Word export stays linear in its input (issue 18 item 7): python-docx found the body's
end by scanning every paragraph for each new one, so 20,000 misi took 88 s."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.xmlchemy import BaseOxmlElement

from exports.builders import bangun_tabel
from exports.docx import dokumen_docx


def _pindaian(lap, monkeypatch) -> int:
    """Children python-docx scanned to find where to insert, over one export."""
    asli = BaseOxmlElement.first_child_found_in
    n = [0]

    def hitung(self, *tagnames):
        n[0] += len(self)
        return asli(self, *tagnames)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", hitung)
    dokumen_docx(lap, {t.nomor: t for t in bangun_tabel(lap)})
    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", asli)
    return n[0]


def test_banyak_misi_tidak_kuadratik(lap, monkeypatch):
    lap.instansi.misi = [f"Misi {i}" for i in range(500)]
    kecil = _pindaian(lap, monkeypatch)
    lap.instansi.misi = [f"Misi {i}" for i in range(2000)]
    besar = _pindaian(lap, monkeypatch)
    # 1,500 more paragraphs: linear work grows by a bounded amount per paragraph; the scan
    # over the whole body grew by ~1,500 × (paragraphs so far), millions of steps
    assert besar - kecil < 1500 * 50, (kecil, besar)


def test_misi_tetap_berurutan_sebelum_penutup_seksi(lap):
    lap.instansi.misi = ["Satu", "Dua", "Tiga"]
    doc = Document(io.BytesIO(dokumen_docx(lap, {t.nomor: t for t in bangun_tabel(lap)})))
    teks = [p.text for p in doc.paragraphs]
    i = teks.index("1.\tSatu")
    assert teks[i:i + 3] == ["1.\tSatu", "2.\tDua", "3.\tTiga"]
    assert doc.element.body[-1].tag.endswith("}sectPr")  # still the body's last child
