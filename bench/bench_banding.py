"""Issue 20's target table for two versions of lkjip, side by side in one run.

    python -m bench.bench_banding --lama DIR [DIR ...] [--runs 3] [--tanpa-pyz]

Each ``DIR`` is a checkout of an earlier version (e.g. ``git worktree add /tmp/lama 8a3491b``).
Every row is measured for them and for this checkout, each measurement in a fresh process, the
versions in turn (the order reversed every other run), so a drift in the machine's load touches
all alike; medians are printed. The measuring code (this folder) is the same for both: each child runs with this
``bench`` package first on its path and the version's own packages after it, from a neutral
working folder. Data: ``bench.synth`` (city = 10,000 subkegiatan; 4× city = 40,000; the
import growth rows use 4,000 × 1, 4, 16).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent


class Versi:
    def __init__(self, nama: str, akar: Path, bench: Path, kerja: Path) -> None:
        self.nama, self.akar, self.kerja = nama, akar, kerja
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LKJIP"))}
        self.env["PYTHONPATH"] = os.pathsep.join([str(bench), str(akar)])
        self.punya_pdf = (akar / "exports" / "pdf.py").exists()

    def jalan(self, *args: str, cek: bool = True) -> tuple[float, str]:
        t = time.perf_counter()
        r = subprocess.run([sys.executable, *args], cwd=self.kerja, env=self.env, capture_output=True, text=True)
        detik = time.perf_counter() - t
        if cek and r.returncode not in (0, 1):
            raise SystemExit(f"{self.nama}: {' '.join(args)} gagal ({r.returncode}):\n{r.stderr[-2000:]}")
        return detik, r.stdout

    def sendiri(self, *args: str) -> None:
        """Run with only this version on the path (its own bench package, e.g. its bench.synth)."""
        env = dict(self.env, PYTHONPATH=str(self.akar))
        r = subprocess.run([sys.executable, *args], cwd=self.kerja, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"{self.nama}: {' '.join(args)} gagal ({r.returncode}):\n{r.stderr[-2000:]}")

    def lkjip(self, *args: str) -> float:
        return self.jalan("-m", "lkjip_tui", *args)[0]


# The formats ``lkjip export`` wrote by default when issue 20 was filed; the PDF (issue 19)
# came later and is measured on its own row.
ISU = "md,csv,xlsx,docx,json"


def _label(d: Path) -> str:
    """A version's column name: its commit, short."""
    r = subprocess.run(["git", "-C", str(d), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or d.name


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def bergantian(versi: list[Versi], runs: int, ukur) -> dict[str, list]:
    """``ukur(v, n)`` for each version, old and new alternately, ``runs`` times."""
    hasil: dict[str, list] = {v.nama: [] for v in versi}
    for n in range(runs):
        for v in versi if n % 2 == 0 else versi[::-1]:
            hasil[v.nama].append(ukur(v, n))
    return hasil


def main() -> None:
    ap = argparse.ArgumentParser(description="Ukur tabel target isu 20 untuk versi lama dan versi ini bergantian.")
    ap.add_argument("--lama", type=Path, nargs="+", required=True, help="checkout versi sebelumnya (satu atau lebih)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tanpa-pyz", action="store_true", help="lewati baris .pyz (membangun dua .pyz)")
    ap.add_argument("--hanya-pyz", action="store_true", help="hanya baris .pyz")
    ap.add_argument("--kecil", action="store_true", help="data 10× lebih kecil: mencoba bench ini, bukan mengukur")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lkjip-banding-"))
    try:
        _jalankan(a, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _jalankan(a, tmp: Path) -> None:
    bench = tmp / "bench-pkg"
    shutil.copytree(AKAR / "bench", bench / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    kerja = tmp / "kerja"
    kerja.mkdir()
    versi = [Versi(_label(d), d.resolve(), bench, kerja) for d in a.lama] + [Versi("baru", AKAR, bench, kerja)]
    data = tmp / "data"
    data.mkdir()
    # Each version makes its own bundles (its own bench.synth: same sizes, its own bundle
    # version) and databases (its own schema): an older lkjip refuses a newer one's files.
    for v in versi if not a.hanya_pyz else ():
        (data / v.nama).mkdir()
        for nama, sub in (("kota", 10_000), ("kota4", 40_000), ("g1", 4_000), ("g4", 16_000), ("g16", 64_000)):
            v.sendiri("-m", "bench.synth", str(data / v.nama / f"{nama}.json"), "--sub", str(sub // 10 if a.kecil else sub),
                      *(("--indikator", "20") if a.kecil else ()))
        for nama in ("kota", "kota4"):
            v.lkjip("--db", str(data / v.nama / f"{nama}.db.json"), "import", str(data / v.nama / f"{nama}.json"))
        v.sendiri("-c", f"from store.demo import buat_demo; buat_demo({str(data / v.nama / 'demo.db.json')!r})")
    for v in versi:  # bytecode compiled, as for a user's second start; disk cache warm
        v.jalan("-m", "compileall", "-q", str(v.akar / "store"), str(v.akar / "exports"), str(v.akar / "lkjip_tui"))
    R = a.runs

    def tambah(nama: str, *kolom: str) -> None:
        print(" | ".join([f"{nama:48}", *(f"{k:24}" for k in kolom[:-1]), kolom[-1]]), flush=True)

    print(" | ".join([f"{'ukuran':48}", *(f"{v.nama:24}" for v in versi), "target"]), flush=True)
    if a.hanya_pyz:
        _pyz(versi, tmp, R, tambah)
        return

    # F9 and F6, opened from Beranda at city scale: from the key to the screen painted.
    def pindah(mode):
        def ukur(v, n):
            out = v.jalan("-m", "bench.run_app", "lkjip", str(data / v.nama / "kota.db.json"), f"beranda>{mode}")[1]
            return float(out.split()[-1])
        return ukur

    f9 = bergantian(versi, R, pindah("laporan"))
    f6 = bergantian(versi, R, pindah("anggaran"))
    tambah("F9 dibuka dari Beranda, kota (F6 sebagai pembanding)",
           *(f"{_median(f9[v.nama]):.2f} s (F6 {_median(f6[v.nama]):.2f} s)" for v in versi), "F9 ≤ F6")

    # check against import of the same data, city.
    def cek_impor(v, n):
        db = tmp / f"imp-{v.nama}-{n}.db.json"
        t_impor = v.lkjip("--db", str(db), "import", str(data / v.nama / "kota.json"))
        t_cek = v.lkjip("--db", str(db), "check")
        return t_cek, t_impor

    ci = bergantian(versi, R, cek_impor)
    tambah("check, kota (× import data yang sama)",
           *(f"{_median([c for c, _ in ci[v.nama]]):.2f} s ({_median([c / i for c, i in ci[v.nama]]):.2f}× import)"
             for v in versi), "≤ 0,35× import")

    # lkjip export, every format, as a user runs it (fresh process, database loaded).
    def ekspor(nama, fmt=ISU):
        def ukur(v, n):
            db = data / v.nama / f"{nama}.db.json"
            if fmt == "pdf" and not v.punya_pdf:
                return None
            out = v.jalan("-m", "bench.run_export", "--db", str(db), "--out", str(tmp / f"out-{v.nama}-{n}"),
                          "--format", fmt)[1]
            shutil.rmtree(tmp / f"out-{v.nama}-{n}", ignore_errors=True)
            kode, detik, utama, anak, sisa = out.split()[-5:]
            return float(detik), float(utama), float(anak), int(sisa)
        return ukur

    e1 = bergantian(versi, R, ekspor("kota"))
    e4 = bergantian(versi, max(1, R - 1), ekspor("kota4"))

    def teks_ekspor(h, anak_nama="XLSX"):
        if h[0] is None:
            return "—"
        anak = max(x[2] for x in h)
        return (f"{_median([x[0] for x in h]):.2f} s, {max(x[1] for x in h):.0f} MB"
                + (f" (+{anak_nama} {anak:.0f})" if anak > 1 else ""))

    tambah(f"export {ISU}, kota", *(teks_ekspor(e1[v.nama]) for v in versi), "< 2 s, < 120 MiB")
    tambah(f"export {ISU}, 4× kota", *(teks_ekspor(e4[v.nama]) for v in versi), "< 4× kota, < 250 MiB")
    tambah("  4× kota / kota (waktu)",
           *(f"{_median([x[0] for x in e4[v.nama]]) / _median([x[0] for x in e1[v.nama]]):.2f}×" for v in versi),
           "< 4×")
    tambah("proses tersisa setelah export selesai", *(str(max(x[3] for x in e1[v.nama] + e4[v.nama])) for v in versi), "0")
    ep = bergantian(versi, R, ekspor("kota", "pdf"))
    tambah("export pdf, kota (proses penyusun)", *(teks_ekspor(ep[v.nama], "Typst") for v in versi), "< 5 s (isu 19)")

    # First paint of the demo against a bare Textual app, ratio taken run by run.
    def cat(v, n):
        lantai = float(v.jalan("-m", "bench.run_app", "bare")[1].split()[-2])
        app = float(v.jalan("-m", "bench.run_app", "lkjip", str(data / v.nama / "demo.db.json"), "beranda")[1].split()[-2])
        return app / lantai

    cp = bergantian(versi, max(R, 5), cat)
    tambah("gambar pertama, demo (× Textual kosong)", *(f"{_median(cp[v.nama]):.2f}×" for v in versi), "≤ 1,2×")

    # Opening a database to Beranda, city and 4× city.
    for nama, db in (("kota", "kota"), ("4× kota", "kota4")):
        def buka(v, n, db=db):
            return float(v.jalan("-m", "bench.run_app", "lkjip", str(data / v.nama / f"{db}.db.json"), "beranda")[1].split()[-2])
        b = bergantian(versi, R, buka)
        tambah(f"buka sampai Beranda, {nama}", *(f"{_median(b[v.nama]):.2f} s" for v in versi), "")

    # Import growth: 4,000 subkegiatan × 1, 4, 16.
    tumbuh: dict[str, list[float]] = {v.nama: [] for v in versi}
    for g in ("g1", "g4", "g16"):
        def impor(v, n, g=g):
            return v.lkjip("--db", str(tmp / f"{g}-{v.nama}-{n}.db.json"), "import", str(data / v.nama / f"{g}.json"))
        h = bergantian(versi, max(1, R - 1) if g == "g16" else R, impor)
        for v in versi:
            tumbuh[v.nama].append(_median(h[v.nama]))
    tambah("import 4.000 subkegiatan × 1, 4, 16",
           *(" → ".join(f"{t:.2f}" for t in tumbuh[v.nama]) + " s" for v in versi), "linear")
    tambah("  per 4× data (4×/1×, 16×/4×)",
           *(f"{tumbuh[v.nama][1] / tumbuh[v.nama][0]:.2f}×, {tumbuh[v.nama][2] / tumbuh[v.nama][1]:.2f}×"
             for v in versi), "≤ 4×")

    if not a.tanpa_pyz:
        _pyz(versi, tmp, R, tambah)


def _pyz(versi: list[Versi], tmp: Path, runs: int, tambah) -> None:
    """The offline build: its size, and the first start (it unpacks itself) to the first screen."""
    from bench.pty_layar import layar_pertama

    pyz = {}
    punya = [v for v in versi if (v.akar / "tools" / "pyz.py").exists()]  # older versions had no build script
    for v in punya:
        out = tmp / f"dist-{v.nama}"
        r = subprocess.run([sys.executable, str(v.akar / "tools" / "pyz.py"), "--out", str(out)], cwd=v.akar,
                           env={k: x for k, x in os.environ.items() if not k.startswith("PYTHON")},
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"{v.nama}: tools/pyz.py gagal:\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}")
        pyz[v.nama] = next(out.glob("lkjip-*.pyz"))

    def pertama(v, n):
        akar = tmp / f"shiv-{v.nama}-{n}"
        home = tmp / f"home-{v.nama}-{n}"
        home.mkdir()
        env = {k: x for k, x in os.environ.items() if not k.startswith(("PYTHON", "LKJIP", "SHIV"))}
        env.update(HOME=str(home), TERM="xterm-256color", SHIV_ROOT=str(akar))
        detik, _ = layar_pertama([sys.executable, "-I", str(pyz[v.nama]), "--demo"], tmp, env,
                                 [b"Beranda", b"Balikpapan Selatan"])
        ukuran = sum(f.stat().st_size for f in akar.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        shutil.rmtree(akar, ignore_errors=True)
        return detik, ukuran

    h = bergantian(punya, runs, pertama)
    tambah(".pyz: start pertama sampai layar pertama",
           *(f"{_median([d for d, _ in h[v.nama]]):.2f} s" if v in punya else "—" for v in versi), "< 1 s")
    tambah(".pyz: ukuran berkas / terbongkar",
           *(f"{pyz[v.nama].stat().st_size / 2**20:.1f} / {h[v.nama][0][1] / 2**20:.0f} MiB" if v in punya else "—"
             for v in versi), "terbongkar ½")


if __name__ == "__main__":
    main()
