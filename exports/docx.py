"""The report as a Word document, ``laporan-<tahun>.docx``, with python-docx.

It renders :func:`exports.naskah.susun`'s blocks (the same the Markdown document renders) on
A4: the cover; the front matter (Kata Pengantar to Daftar Gambar) numbered i, ii, …; BAB I
onwards numbered 1, 2, …; a table too wide for a portrait page in a landscape section of its
own; each table captioned "Tabel 3.4. …" with a hidden SEQ field so that Daftar Tabel (a TOC
field over those captions) lists it; Daftar Isi, Tabel and Gambar are fields Word fills in
when the file is opened (``updateFields``), showing the headings until then.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from store.models import Laporan

from . import naskah
from .docx_xml import AKHIR_MEDAN, GAYA_TABEL, NS, awal_medan, bersih, medan, run, tabel_xml_potong
from .halaman import arah_halaman, lekat
from .tables import Bagian, Tabel

A4 = (Mm(210), Mm(297))
TEPI = {"left_margin": Mm(30), "right_margin": Mm(20), "top_margin": Mm(25), "bottom_margin": Mm(20)}
LEBAR_POTRET = Mm(160)    # text width, portrait
LEBAR_LANSKAP = Mm(247)   # text width, landscape
LANGKAH_BAGAN = Mm(12)    # the organisation chart's indent per level
HURUF = "Arial"
MERAH = RGBColor(0xC0, 0x00, 0x00)
ABU_TEKS = RGBColor(0x59, 0x59, 0x59)

DAFTAR = {  # Daftar Isi / Tabel / Gambar: the TOC field over headings or captions
    "isi": 'TOC \\o "1-2" \\h \\z \\u',
    "tabel": 'TOC \\h \\z \\c "Tabel"',
    "gambar": 'TOC \\h \\z \\c "Gambar"',
}
# Hidden sequence fields: they mark a caption for Daftar Tabel / Gambar and print nothing, so
# the caption keeps the seed's chapter numbers ("Tabel 3.4."), which a plain SEQ cannot count.
SEQ_TABEL = medan("SEQ Tabel \\h", tersembunyi=True)
SEQ_GAMBAR = medan("SEQ Gambar \\h", tersembunyi=True)
NOMOR_HALAMAN = {"depan": ("lowerRoman", 1), "isi": ("decimal", 1), "lampiran": ("decimal", None)}


def dokumen_docx(lap: Laporan, tabel: Mapping[str, Tabel]) -> bytes:
    """``tabel`` maps every table number to its built table; returns the .docx file's bytes."""
    doc = Document()
    _gaya(doc)
    s = doc.sections[0]
    s.page_width, s.page_height = A4
    for k, v in TEPI.items():
        setattr(s, k, v)
    penulis = _Penulis(doc)
    blok = naskah.susun(lap, tabel)
    for b, lanskap, tetap in zip(blok, arah_halaman(blok), lekat(blok)):
        penulis.tulis(b, lanskap, tetap)
    # Word fills the lists of contents and page numbers in when the file is opened.
    _sebelum(doc.settings.element, parse_xml(f'<w:updateFields {NS} w:val="true"/>'), SETELAH_UPDATE_FIELDS)
    buf = io.BytesIO()
    doc.save(buf)
    return _isi_tabel(buf, penulis.tabel)


# What follows w:updateFields in w:settings (ECMA-376 CT_Settings): Word refuses elements out of order.
SETELAH_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                         "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                         "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                         "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _sebelum(induk: Any, el: Any, setelah: tuple[str, ...]) -> None:
    """Put ``el`` into ``induk`` before the first child named in ``setelah`` (schema order)."""
    nama = {qn(f"w:{x}") for x in setelah}
    berikut = next((c for c in induk if c.tag in nama), None)
    if berikut is not None:
        berikut.addprevious(el)
    else:
        induk.append(el)


# A report table enters the document as a marker paragraph; the table's XML is written in its
# place only when the file is zipped, one table at a time. Parsed into python-docx's tree, a
# city-scale document took 500 MB (a dozen XML elements per cell) instead of about 150.
PENANDA = "\ue000LKJIP-TABEL-{}\ue000"  # a private-use character: cannot come from typed text (bersih)
_PENANDA = re.compile(r"<w:p\b[^>]*>(?:(?!</w:p>).)*?\ue000LKJIP-TABEL-(\d+)\ue000(?:(?!</w:p>).)*?</w:p>", re.S)


WAKTU_ZIP = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def _isi_tabel(docx: io.BytesIO, tabel: list[tuple[Bagian, int, int]]) -> bytes:
    """The saved document with each marker paragraph replaced by its table. Every entry gets
    one fixed time, so the same report gives the same bytes (no clock in the file)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(docx) as masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            info.date_time = WAKTU_ZIP
            if info.filename != "word/document.xml":
                zout.writestr(info, data)
                continue
            bagian = _PENANDA.split(data.decode("utf-8"))
            del data
            info.compress_type = zipfile.ZIP_DEFLATED
            with zout.open(info, "w") as f:
                for n, potong in enumerate(bagian):
                    if n % 2:  # a table, written a few hundred rows at a time
                        for xml in tabel_xml_potong(*tabel[int(potong)]):
                            f.write(xml.encode("utf-8"))
                    else:
                        f.write(potong.encode("utf-8"))
    return keluar.getvalue()


def _huruf(style: Any, nama: str = HURUF) -> None:
    """Set a style's font by name, dropping the theme fonts that would otherwise win."""
    style.font.name = nama
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(a), None)
    rfonts.set(qn("w:cs"), nama)


def _gaya(doc: Any) -> None:
    st = doc.styles
    normal = st["Normal"]
    _huruf(normal)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for n, ukuran in ((1, 14), (2, 12), (3, 11), (4, 11)):
        h = st[f"Heading {n}"]
        _huruf(h)
        h.font.size = Pt(ukuran)
        h.font.color.rgb = RGBColor(0, 0, 0)
        h.font.italic = False
        h.paragraph_format.space_before = Pt(12 if n == 1 else 8)
        h.paragraph_format.space_after = Pt(6)
    st["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    st["Heading 1"].font.all_caps = True  # "BAB I PENDAHULUAN" as the seed, the text itself unchanged
    cap = st["Caption"]
    _huruf(cap)
    cap.font.size, cap.font.bold, cap.font.italic = Pt(10), True, False
    cap.font.color.rgb = RGBColor(0, 0, 0)
    cap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.keep_with_next = True
    sel = st.add_style(GAYA_TABEL, WD_STYLE_TYPE.PARAGRAPH)
    sel.base_style = normal
    sel.font.size = Pt(9)
    sel.paragraph_format.space_before = sel.paragraph_format.space_after = Pt(0)
    sel.paragraph_format.line_spacing = 1.0
    sel.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


class _Cepat:
    """The document, with ``add_paragraph`` in constant time. python-docx finds the body's
    closing sectPr by scanning every child for each new paragraph, so n paragraphs cost
    O(n²) (20,000 misi: 88 s). The paragraph goes right before that sectPr, the body's last
    child, exactly where python-docx puts it."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._gaya_id: dict[int, str | None] = {}

    def _id_gaya(self, style: Any) -> str | None:
        """The style's id, looked up once: python-docx compares it with the default style on
        every paragraph, a walk over every style (a third of a city's Word export)."""
        sid = self._gaya_id.get(id(style), "")
        if sid == "":
            sid = self._gaya_id[id(style)] = self._doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return sid

    def __getattr__(self, nama: str) -> Any:
        return getattr(self._doc, nama)

    def add_paragraph(self, text: str = "", style: Any = None) -> Paragraph:
        from docx.oxml.parser import OxmlElement
        from docx.text.paragraph import Paragraph
        try:
            akhir = self._doc.element.body[-1]  # from the end: no scan
        except IndexError:
            akhir = None
        if akhir is None or akhir.tag != qn("w:sectPr"):
            return self._doc.add_paragraph(text, style)  # type: ignore[no-any-return]  # python-docx's own
        el = OxmlElement("w:p")
        akhir.addprevious(el)
        p = Paragraph(el, self._doc._body)
        if text:
            p.add_run(text)
        if style is not None:
            p._p.style = self._id_gaya(style)  # what Paragraph.style's setter does, without the lookup
        return p


def _akhiri_di_paragraf_terakhir(sectpr: Any) -> None:
    """python-docx ends a section with an empty paragraph holding its properties; when the
    page before is full (a Daftar Isi once Word fills it in) that paragraph makes a blank
    page. The properties go into the section's last paragraph instead, as Word itself does."""
    kosong = sectpr.getparent().getparent()
    sebelum = kosong.getprevious()
    if (sebelum is None or sebelum.tag != qn("w:p") or sebelum.pPr is not None
            and sebelum.pPr.find(qn("w:sectPr")) is not None or "".join(kosong.itertext()).strip()):
        return  # after a table (which cannot hold it), or a paragraph already ending a section
    sebelum.get_or_add_pPr().append(sectpr)
    kosong.getparent().remove(kosong)


class _Penulis:
    def __init__(self, doc: Any) -> None:
        self.doc = _Cepat(doc)
        self.tabel: list[tuple[Bagian, int, int]] = []  # (part, decimals, width) per marker, see _isi_tabel
        # Style objects, not names: python-docx looks a name up through every style each time.
        self.gaya = {n: doc.styles[n] for n in ("Caption", "Heading 1", "Heading 2", "Heading 3", "Heading 4")}
        self.lanskap = False
        self.nomor = "isi"          # the page numbering of the current section
        self.halaman_kosong = True  # nothing written since the last page or section break
        self.putus = False          # the next block starts a new page

    def tulis(self, b: naskah.Blok, lanskap: bool = False, tetap: bool = False) -> None:
        """Write block ``b``; ``tetap``: keep its paragraphs on the page of the next block."""
        if isinstance(b, naskah.Seksi):
            self.seksi_baru(self.lanskap, b.jenis)
            return
        if isinstance(b, naskah.HalamanBaru):
            self.putus = not self.halaman_kosong
            return
        if lanskap != self.lanskap:
            self.seksi_baru(lanskap)
        self.halaman_kosong = False
        akhir = self.doc.element.body[-1]  # the body's sectPr: new blocks go before it
        sebelum = akhir.getprevious()
        getattr(self, type(b).__name__.lower())(b)
        baru = []  # what this block wrote, walked back from the end (not a scan of the whole body)
        el = akhir.getprevious()
        while el is not None and el is not sebelum:
            baru.append(el)
            el = el.getprevious()
        baru.reverse()
        if self.putus and baru:
            self.putus = False
            self._halaman_baru(baru[0])
        if tetap:
            for p in baru:
                if p.tag == qn("w:p"):
                    Paragraph(p, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]  # formatting only: no story part needed

    def _halaman_baru(self, el: Any) -> None:
        """Start ``el`` on a new page: "page break before" on its paragraph rather than a
        paragraph holding a break, which leaves a blank page when the page before it fills
        exactly (as a Daftar Isi does once Word fills it in)."""
        if el.tag == qn("w:p"):
            Paragraph(el, None).paragraph_format.page_break_before = True  # type: ignore[arg-type]  # formatting only
        else:  # a table (a signature): Word ignores page-break-before inside one
            el.addprevious(parse_xml(f'<w:p {NS}><w:r><w:br w:type="page"/></w:r></w:p>'))

    # -- sections: orientation and page numbers
    def seksi_baru(self, lanskap: bool, nomor: str | None = None) -> None:
        s = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _akhiri_di_paragraf_terakhir(self.doc.sections[-2]._sectPr)
        s.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = (A4[1], A4[0]) if lanskap else A4
        self.lanskap = lanskap
        if nomor is not None:
            self.nomor = nomor
        fmt, mulai = NOMOR_HALAMAN[self.nomor]
        if nomor is None:
            mulai = None  # an orientation change continues the numbering
        sect = s._sectPr
        for lama in sect.findall(qn("w:pgNumType")):
            sect.remove(lama)
        pg = parse_xml(f'<w:pgNumType {NS} w:fmt="{fmt}"' + (f' w:start="{mulai}"' if mulai else "") + "/>")
        # pgNumType sits before cols/docGrid in CT_SectPr's order
        cols = sect.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(pg)
        else:
            sect.append(pg)
        if nomor == "depan":  # the cover has no number; every later section shows its page's
            s.footer.is_linked_to_previous = False
            p = s.footer.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in parse_xml(f"<w:p {NS}>{medan('PAGE', '1')}</w:p>"):
                p._p.append(r)
        self.halaman_kosong = True

    # -- blocks
    def judul(self, b: naskah.Judul) -> None:
        self.doc.add_paragraph(bersih(b.teks), self.gaya[f"Heading {min(b.tingkat, 4)}"])

    def paragraf(self, b: naskah.Paragraf) -> None:
        p = self.doc.add_paragraph()
        r = p.add_run(bersih(b.teks))
        r.bold = b.tebal or None
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if b.tengah else WD_ALIGN_PARAGRAPH.JUSTIFY
        if b.sampul:
            r.font.size = Pt(20)
            p.paragraph_format.space_before = Pt(36)

    def butir(self, b: naskah.Butir) -> None:
        for n, isi in enumerate(b.isi):
            tanda = (f"{n + 1}." if b.nomor == "1" else f"{chr(ord('a') + n)}." if b.nomor == "a" and n < 26
                     else f"{n + 1}." if b.nomor == "a" else "•")
            p = self.doc.add_paragraph(f"{tanda}\t{bersih(isi)}")
            f = p.paragraph_format
            f.left_indent, f.first_line_indent = Mm(8 if b.nomor != "a" else 14), Mm(-7)
            f.tab_stops.add_tab_stop(f.left_indent)
            f.space_after = Pt(2)

    def _tanda(self, teks: str) -> Paragraph:
        """A paragraph that must not be submitted as is (a gap, a draft): bold red on yellow."""
        p = self.doc.add_paragraph()
        r = p.add_run(bersih(teks))
        r.bold = True
        r.font.color.rgb = MERAH
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return p

    def kosong(self, b: naskah.Kosong) -> None:
        self._tanda(b.label)
        for baris in (b.draf or "").splitlines():
            if baris.strip():
                r = self.doc.add_paragraph().add_run(bersih(baris.strip()))
                r.italic = True
                r.font.color.rgb = ABU_TEKS

    def bloktabel(self, b: naskah.BlokTabel) -> None:
        t = b.tabel
        if t.keterangan:
            p = self.doc.add_paragraph(style=self.gaya["Caption"])
            p.add_run(bersih(t.keterangan))
            if b.bernomor:  # the caption a Daftar Tabel field collects; the number stays the seed's
                for r in parse_xml(f"<w:p {NS}>{SEQ_TABEL}</w:p>"):
                    p._p.append(r)
        lebar = int((LEBAR_LANSKAP if self.lanskap else LEBAR_POTRET) / 635)  # EMU → twips
        for bagian in t.bagian:
            if bagian.judul:
                p = self.doc.add_paragraph()
                p.add_run(bersih(bagian.judul)).italic = True
                p.paragraph_format.keep_with_next = True
            self.doc.add_paragraph(PENANDA.format(len(self.tabel)))
            self.tabel.append((bagian, t.desimal, lebar))
            self.doc.add_paragraph().paragraph_format.space_after = Pt(0)
        if t.catatan:
            self.doc.add_paragraph(bersih(t.catatan)).runs[0].italic = True

    def tandatangan(self, b: naskah.TandaTangan) -> None:
        self._ttd([None, b])

    def tandatangandua(self, b: naskah.TandaTanganDua) -> None:
        self._ttd([b.kiri, b.kanan])

    def _ttd(self, sisi: Sequence[naskah.TandaTangan | None]) -> None:
        """Signature blocks side by side in a borderless table: the signer on the right."""
        tbl = self.doc.add_table(rows=1, cols=2)
        tbl.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {NS}/>"))  # never half on a page
        for sel, t in zip(tbl.rows[0].cells, sisi):
            if t is None:
                continue
            sel.paragraphs[0].text = bersih(t.atas[0])
            baris = [*t.atas[1:], "", "", ""]
            for x in baris:
                sel.add_paragraph(bersih(x))
            nama = sel.add_paragraph().add_run(bersih(t.nama))
            nama.bold = nama.underline = True
            for x in t.bawah:
                sel.add_paragraph(bersih(x))
            for p in sel.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
                p.paragraph_format.keep_with_next = True
        self.doc.add_paragraph()

    def daftar(self, b: naskah.Daftar) -> None:
        entri = list(b.entri) or [(1, "Perbarui daftar ini: klik kanan lalu Perbarui Bidang (F9).")]
        tepi = LEBAR_LANSKAP if self.lanskap else LEBAR_POTRET
        for n, (tingkat, teks) in enumerate(entri):
            p = self.doc.add_paragraph()
            f = p.paragraph_format
            f.left_indent = Mm(6 * (tingkat - 1))
            f.space_after = Pt(2)
            f.tab_stops.add_tab_stop(tepi, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            isi = f"{run(teks)}<w:r><w:tab/></w:r>"
            awal = awal_medan(DAFTAR[b.jenis]) if n == 0 else ""
            akhir = AKHIR_MEDAN if n == len(entri) - 1 else ""
            for r in parse_xml(f"<w:p {NS}>{awal}{isi}{akhir}</w:p>"):
                p._p.append(r)

    def gambar(self, b: naskah.Gambar) -> None:
        p = self._tanda(b.keterangan)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = self.doc.add_paragraph(style=self.gaya["Caption"])
        p.add_run(bersih(b.label))
        for r in parse_xml(f"<w:p {NS}>{SEQ_GAMBAR}</w:p>"):
            p._p.append(r)


    def _keterangan_gambar(self, label: str) -> None:
        p = self.doc.add_paragraph(style=self.gaya["Caption"])
        p.add_run(bersih(label))
        for r in parse_xml(f"<w:p {NS}>{SEQ_GAMBAR}</w:p>"):
            p._p.append(r)

    def bagan(self, b: naskah.Bagan) -> None:
        """The organisation chart as a tree of boxes: one row per unit, its box starting one
        column further right than its superior's and running to the right edge; the head's
        box shaded. Rows never split, and the caption stays with the chart."""
        kolom = max(k for k, _ in b.unit) + 1
        tbl = self.doc.add_table(rows=len(b.unit), cols=kolom)
        tbl.alignment = 1  # centred
        tbl.autofit = False
        lebar = [LANGKAH_BAGAN] * (kolom - 1) + [LEBAR_POTRET - LANGKAH_BAGAN * (kolom - 1)]
        for n, w in enumerate(lebar):  # the grid and every cell: Word and LibreOffice read either
            tbl.columns[n].width = w
            for sel in tbl.columns[n].cells:
                sel.width = w
        for baris, (k, nama) in zip(tbl.rows, b.unit):
            baris._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {NS}/>"))
            sel = baris.cells[k].merge(baris.cells[-1]) if k < kolom - 1 else baris.cells[k]
            garis = "".join(f'<w:{s} w:val="single" w:sz="8" w:color="000000"/>' for s in ("top", "left", "bottom", "right"))
            tc = sel._tc.get_or_add_tcPr()
            tc.append(parse_xml(f"<w:tcBorders {NS}>{garis}</w:tcBorders>"))
            if k == 0:
                tc.append(parse_xml(f'<w:shd {NS} w:val="clear" w:color="auto" w:fill="D9D9D9"/>'))
            p = sel.paragraphs[0]
            p.add_run(bersih(nama)).bold = k == 0
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.keep_with_next = True
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)
        self._keterangan_gambar(b.label)

    def logo(self, b: naskah.Logo) -> None:
        self.doc.add_picture(io.BytesIO(b.png), height=Mm(35))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
