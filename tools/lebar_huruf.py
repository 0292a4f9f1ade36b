"""Writes ``exports/lebar_huruf.json``: the advance width of each character the PDF's tables
may hold, in Libertinus Serif regular and bold, as Typst itself measures it (em units).

    python -m tools.lebar_huruf

exports.lebar_teks wraps table cells with it, so every row's height is known before Typst
sees the table (Typst then skips measuring 100,000 cells). Run it again when the ``typst``
package changes its fonts: tests/exports/test_lebar_teks.py fails until then.
"""

from __future__ import annotations

import json
from pathlib import Path

# Measured at 1000 pt between two "x" (a lone space measures 0), kerning and ligatures off as
# in the tables: a string's width is then the sum of its characters' advances.
SUMBER = """
#set text(font: "Libertinus Serif", size: 1000pt, kerning: false, ligatures: false, hyphenate: false)
#let c = json(bytes(sys.inputs.huruf))
#context {
  let w(s, tebal) = measure(text(weight: if tebal { "bold" } else { "regular" }, s)).width / 1pt
  let x = (w("xx", false), w("xx", true))
  [#metadata((
    reguler: c.map(h => (w("x" + h + "x", false) - x.at(0)) / 1000),
    tebal: c.map(h => (w("x" + h + "x", true) - x.at(1)) / 1000),
    cap: measure(text(top-edge: "cap-height", bottom-edge: "baseline", "H")).height / 1pt / 1000,
  )) <lebar>]
}
"""

BERKAS = Path(__file__).resolve().parent.parent / "exports" / "lebar_huruf.json"


def huruf() -> list[str]:
    """Printable ASCII and Latin-1, typographic punctuation, the zero-width characters lkjip inserts."""
    kode = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2028), *range(0x2030, 0x203B),
            0x20AC, 0x2122, 0x200B, 0x2060]
    return [chr(k) for k in kode]


def ukur(daftar: list[str]) -> dict[str, object]:
    """Per character its width in em (regular, bold), and the cap height in em."""
    import typst

    hasil = json.loads(typst.query(SUMBER.encode(), "<lebar>", field="value", one=True, ignore_system_fonts=True,
                                   sys_inputs={"huruf": json.dumps(daftar)}))
    return {"cap": hasil["cap"], "reguler": dict(zip(daftar, hasil["reguler"])), "tebal": dict(zip(daftar, hasil["tebal"]))}


def main() -> None:
    data = ukur(huruf())
    BERKAS.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{BERKAS}: {len(data['reguler'])} huruf")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
