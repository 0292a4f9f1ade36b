"""Realistic SIPD-RI files written in the test itself (xlsxwriter): the budget "rekap" and the
"Laporan Realisasi Per Dokumen", with their metadata rows, merged title cell, codes as text and
as numbers, Indonesian dates and a totals row; and a year of data with codes to match them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from store.models import Laporan

KEPALA_REKAP = ["NO", "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT",
                "NAMA SUB UNIT", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM",
                "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "KODE SUMBER DANA",
                "NAMA SUMBER DANA", "KODE REKENING", "NAMA REKENING", "PAKET/KELOMPOK", "NAMA PAKET/KELOMPOK",
                "PAGU"]

# about 45 columns, as the finance system writes them; the ones read are among them
KEPALA_REALISASI = [
    "No", "Tahun", "Kode Urusan", "Nama Urusan", "Kode Bidang Urusan", "Nama Bidang Urusan", "Kode SKPD",
    "Nama SKPD", "Kode Sub Unit", "Nama Sub Unit", "Kode Program", "Nama Program", "Kode Kegiatan",
    "Nama Kegiatan", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening",
    "Kode Sumber Dana", "Nama Sumber Dana", "Jenis Dokumen", "Nomor Dokumen", "Tanggal Dokumen",
    "Keterangan Dokumen", "Nomor SPP", "Tanggal SPP", "Nomor SPM", "Tanggal SPM", "Nomor SP2D",
    "Tanggal SP2D", "Nilai Anggaran", "Nilai Realisasi", "Nilai Setoran", "Sisa Anggaran", "Tahapan APBD",
    "Jenis Transaksi", "Nama Penerima", "NPWP", "Bank", "Nomor Rekening Bank", "Kode Akun", "Uraian",
    "Status", "Tanggal Input", "Pengguna"]

BULAN_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
            "Oktober", "November", "Desember"]

KEGIATAN = "7.01.01.2.01"


def kode_sub(i: int) -> str:
    return f"{KEGIATAN}.{i:04d}"


def beri_kode(lap: Laporan, n: int = 5) -> list:
    """Give the first kegiatan and its first ``n`` subkegiatan their codes (as an office that
    typed them in F6 would); returns those subkegiatan."""
    p = lap.program[0]
    p.kode = "7.01.01"
    k = p.kegiatan[2]  # "Administrasi Umum", six subkegiatan
    k.kode = KEGIATAN
    subs = k.subkegiatan[:n]
    for i, s in enumerate(subs, start=1):
        s.kode = kode_sub(i)
    return subs


def tanggal_id(d: dt.date) -> str:
    return f"{d.day} {BULAN_ID[d.month - 1]} {d.year}"


def tulis_rekap(path: Path, baris: list[tuple[str, str, str, Decimal | int]], tahun: int = 2021,
                total: bool = True) -> Path:
    """``baris``: (kode subkegiatan, nama, kode rekening or "" for a hierarchy row, pagu)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Rekap")
    ws.write_row(0, 0, KEPALA_REKAP)
    r = 1
    for i, (kode, nama, rek, pagu) in enumerate(baris, start=1):
        row = [i, tahun, "7", "KECAMATAN", "7.01.0.00.0.00.01.0000", "Kecamatan Balikpapan Selatan",
               "7.01.0.00.0.00.01.0000", "Kecamatan Balikpapan Selatan", "7.01", "KECAMATAN", "7.01.01",
               "PROGRAM PENUNJANG", KEGIATAN, "Perencanaan", kode, nama, "1.1.01", "PAD", rek,
               "Belanja" if rek else "", "[#] Paket" if rek else "", "Paket A" if rek else "",
               pagu if isinstance(pagu, str) else float(pagu)]
        ws.write_row(r, 0, row)
        ws.write_number(r, 2, 7)  # KODE URUSAN as a number, as some exports hold it
        r += 1
    if total:
        ws.write(r, 0, "JUMLAH")
        ws.write_number(r, 22, float(sum(Decimal(str(b[3])) for b in baris if b[2] and not isinstance(b[3], str))))
    wb.close()
    return path


def tulis_realisasi(path: Path, transaksi: list[tuple], tahun: int = 2021, total: bool = True,
                    lembar_lain: bool = True) -> Path:
    """``transaksi``: (kode subkegiatan as written, nama, date or text, nilai realisasi,
    nilai setoran). Rows 1-4: a merged title and the filters; header in row 5."""
    wb = xlsxwriter.Workbook(str(path))
    if lembar_lain:  # the workbook's first sheet is not the report
        wb.add_worksheet("Petunjuk").write(0, 0, "Unduhan SIPD-RI")
    ws = wb.add_worksheet("Laporan")
    judul = wb.add_format({"bold": True, "align": "center"})
    tgl = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.merge_range(0, 0, 0, 10, "LAPORAN REALISASI PER DOKUMEN", judul)
    ws.write(1, 0, "SKPD : 7.01.0.00.0.00.01.0000 Kecamatan Balikpapan Selatan")
    ws.write(2, 0, f"Periode : 1 Januari {tahun} s.d. 31 Desember {tahun}")
    ws.write(3, 0, "Tahapan : APBD Murni")
    ws.write_row(4, 0, KEPALA_REALISASI)
    ik = KEPALA_REALISASI.index
    total_r = Decimal(0)
    for n, (kode, nama, tanggal, nilai, setoran) in enumerate(transaksi, start=1):
        r = 4 + n
        ws.write(r, ik("No"), n)
        ws.write(r, ik("Tahun"), tahun)
        if isinstance(kode, float):
            ws.write_number(r, ik("Kode Sub Kegiatan"), kode)
        else:
            ws.write_string(r, ik("Kode Sub Kegiatan"), kode)
        ws.write(r, ik("Nama Sub Kegiatan"), nama)
        ws.write(r, ik("Kode Rekening"), "5.1.02.01.01.0024")
        ws.write(r, ik("Jenis Dokumen"), "STS" if setoran else "SP2D LS")
        ws.write(r, ik("Nomor SP2D"), f"{n:05d}/SP2D/LS/{tahun}")
        if isinstance(tanggal, dt.date):
            ws.write_datetime(r, ik("Tanggal Dokumen"), dt.datetime(tanggal.year, tanggal.month, tanggal.day), tgl)
        else:
            ws.write(r, ik("Tanggal Dokumen"), tanggal)
        if nilai is not None:
            ws.write(r, ik("Nilai Realisasi"), nilai if isinstance(nilai, str) else float(nilai))
        if setoran is not None:
            ws.write(r, ik("Nilai Setoran"), float(setoran))
        ws.write(r, ik("Tahapan APBD"), "Murni")
        if not isinstance(nilai, str):
            total_r += Decimal(str(nilai or 0))
    if total:
        r = 5 + len(transaksi)
        ws.merge_range(r, 0, r, 5, "JUMLAH")
        ws.write_number(r, ik("Nilai Realisasi"), float(total_r))
    wb.close()
    return path
