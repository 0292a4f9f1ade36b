"""Messages several screens and widgets say the same way."""

KOSONG_TAHUN = ("Belum ada tahun laporan. Buka F8 Atur untuk membuat tahun baru, "
                "atau impor data dengan perintah: lkjip import FILE")
HANYA_BACA = "Basis data dibuka hanya-baca; perubahan tidak dapat disimpan."
