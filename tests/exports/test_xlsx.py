import io

from openpyxl import load_workbook

from exports.builders import bangun_tabel
from exports.xlsx import workbook_xlsx

from .util import NAMA_JAHAT, laporan_jahat


def buka(daftar):
    return load_workbook(io.BytesIO(workbook_xlsx(daftar)))


def cari(ws, teks):
    return next(r for r in ws.iter_rows() if any(c.value == teks for c in r))


def test_sheet_per_table_with_caption_and_numbers(lap):
    wb = buka(bangun_tabel(lap))
    assert wb.sheetnames[0] == "Tabel 1.1" and wb.sheetnames[-1] == "Tabel 3.17" and len(wb.sheetnames) == 23
    ws = wb["Tabel 3.17"]
    assert ws["A1"].value == "Tabel 3.17. Realisasi Anggaran per Program, Kegiatan dan Subkegiatan" and ws["A1"].font.b
    jumlah = cari(ws, "Jumlah")
    assert [c.value for c in jumlah[2:5]] == [24246540687, 20644862632, 85.15]
    assert jumlah[2].number_format == "#,##0" and jumlah[4].number_format == "#,##0.00"
    assert jumlah[2].font.b
    program = cari(ws, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")
    assert program[1].font.b and program[4].value == 86.98
    sub = cari(ws, "Subkegiatan Penyediaan Gaji dan Tunjangan ASN")
    assert not sub[1].font.b and isinstance(sub[2].value, (int, float))
    assert ws.column_dimensions["B"].width > 40


def test_key_figures_are_numbers(lap):
    wb = buka(bangun_tabel(lap))
    assert [r[5].value for r in wb["Tabel 3.2"].iter_rows(min_row=4, max_row=6)] == [95.95, 100, 220.4]
    assert cari(wb["Tabel 1.1"], "Total Pegawai")[2].value == 61
    assert cari(wb["Tabel 3.1"], "Nilai Hasil Evaluasi")[3].value == 64.33
    assert wb["Tabel 3.9"]["E4"].value == 10.06
    assert wb["Tabel 3.11"]["J4"].value == -0.11
    assert wb["Tabel 3.12"]["G4"].value == 120.4


def test_hostile_text_stays_text():
    wb = buka(bangun_tabel(laporan_jahat()))
    ws = wb["Tabel 2.2"]
    assert ws["F4"].value == "=1+1" and ws["F4"].data_type == "s"
    assert ws["C4"].value == NAMA_JAHAT


def test_empty_report_headers_only():
    from store.models import Laporan

    wb = buka(bangun_tabel(Laporan(2024)))
    assert wb["Tabel 3.2"]["B3"].value == "Sasaran Strategis"
    assert wb["Tabel 3.2"].max_row == 3


def test_every_sheet_ready_to_print_with_frozen_repeated_header(lap):
    wb = buka(bangun_tabel(lap))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        # fit to 1 page wide (1 is the file format's default, left out), any number of pages tall
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows == "$1:$3", ws.title  # caption, blank, header
        assert ws.freeze_panes == "A4", ws.title
    assert wb["Tabel 2.4"]["A3"].value == "No"  # 2.4 has three parts: the first header is frozen


# ------------------------------------------------------------ printing (issue 19.7)
def _skala_efektif(ws) -> float:
    """The print scale a fit-to-width sheet gets: printable width over the columns' width."""
    from exports.xlsx_buku import LEBAR_CETAK
    lebar = sum(ws.column_dimensions[c].width for c in ws.column_dimensions)
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        return min(100.0, LEBAR_CETAK * 100 / lebar)
    return float(ws.page_setup.scale)


def test_wide_sheets_wrap_text_and_print_at_8_pt_or_more(lap):
    wb = buka(bangun_tabel(lap))
    for ws in wb.worksheets:
        assert _skala_efektif(ws) * 11 / 100 >= 8, ws.title  # 11 pt default font
    ws = wb["Tabel 2.2"]
    assert max(ws.column_dimensions[c].width for c in "BCDFGH") <= 24  # squeezed, not 60 wide
    assert ws["F4"].alignment.wrap_text and ws.row_dimensions[4].height >= 45


def test_a_table_too_wide_even_wrapped_prints_across_pages_not_tiny():
    from exports.tables import Bagian, Tabel, rupiah

    b = Bagian("", tuple(f"Kolom angka {n}" for n in range(14)))
    b.tambah(*(rupiah(10**12) for _ in range(14)))
    ws = buka([Tabel("9.9", "Lebar", [b])])["Tabel 9.9"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 75


def test_wrapped_cells_get_row_heights(lap):
    ws = buka(bangun_tabel(lap))["Tabel 3.17"]
    panjang = cari(ws, "Subkegiatan Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan "
                       "Perorangan Dinas atau Kendaraan Dinas Jabatan")
    assert panjang[1].alignment.wrap_text
    assert ws.row_dimensions[panjang[1].row].height >= 30  # two lines at least: no overlap
    pendek = cari(ws, "Subkegiatan Penyediaan Gaji dan Tunjangan ASN")
    assert ws.row_dimensions[pendek[1].row].height in (None, 15)  # one line keeps the default


def test_body_rows_ruled_including_empty_cells(lap):
    ws = buka(bangun_tabel(lap))["Tabel 2.2"]
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row, max_col=8):
        for c in row:
            assert c.border.left.style == "thin" and c.border.bottom.style == "thin", c.coordinate
    assert ws["A1"].border.left.style is None  # the caption is not boxed
    tabel = buka(bangun_tabel(lap))["Tabel 2.4"]
    judul = cari(tabel, "Anggaran program (APBD murni)")[0]
    assert judul.font.b and judul.border.left.style is None


def test_page_numbers_in_every_footer(lap):
    for ws in buka(bangun_tabel(lap)).worksheets:
        assert ws.oddFooter.right.text == "Halaman &P dari &N" and ws.oddFooter.left.text == "&A", ws.title
        assert ws.page_margins.left == 0.5
