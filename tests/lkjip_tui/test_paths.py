"""Where the data lives, also under the Microsoft Store's Python."""

import sys

import pytest

from lkjip_tui import cli, paths

STORE = r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.11_3.11.2544.0_x64__qbz5n2kfra8p0\python.exe"


@pytest.mark.parametrize("jalur, store", [
    ((STORE, r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.11_3.11.2544.0_x64__qbz5n2kfra8p0"), True),
    ((r"C:\Users\Budi\AppData\Local\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0\python.exe",),
     True),
    ((r"C:\proyek\.venv\Scripts\python.exe", r"C:\proyek\.venv", STORE.rsplit("\\", 1)[0]), True),  # a venv made from it
    ((r"C:\Users\Budi\AppData\Local\Programs\Python\Python311\python.exe",), False),  # python.org installer
    (("/usr/bin/python3", "/usr"), False),
])
def test_store_python_detected(jalur, store):
    assert paths.python_store(jalur) is store


@pytest.fixture
def store(monkeypatch, tmp_path):
    """The Store's Python: AppData seen through its private folder, home elsewhere."""
    monkeypatch.setattr(paths, "python_store", lambda jalur=None: True)
    monkeypatch.setattr(paths, "folder_data_biasa", lambda: tmp_path / "AppData" / "Local" / "lkjip")
    monkeypatch.setattr(paths.Path, "home", classmethod(lambda cls: tmp_path / "Budi"))
    monkeypatch.delenv("LKJIP_DB", raising=False)
    return tmp_path


def test_store_python_keeps_data_in_home_and_copies_old_data_once(store, fixture_path, capsys):
    lama = store / "AppData" / "Local" / "lkjip"
    assert cli.main(["import", str(fixture_path), "--db", str(lama / "lkjip.json")]) == 0  # an earlier run's data
    (lama / "backup").mkdir(exist_ok=True)
    capsys.readouterr()
    assert cli.main(["check"]) == 0
    err = capsys.readouterr().err
    baru = store / "Budi" / "lkjip"
    (err,) = [b for b in err.splitlines() if b.startswith("lkjip:")]  # one warning line (check lists empty texts too)
    assert "Microsoft Store" in err and str(baru) in err and "python.org" in err
    assert f"Data lama disalin dari {lama}" in err
    assert (baru / "lkjip.json").read_bytes() == (lama / "lkjip.json").read_bytes()  # the original stays too
    assert (baru / "backup").is_dir() and not list(store.glob("Budi/.lkjip.salin"))
    assert paths.default_db() == baru / "lkjip.json"
    (lama / "lkjip.json").write_text("{}", encoding="utf-8")
    assert cli.main(["check"]) == 0  # copied once: the home copy is the data now
    assert "disalin" not in capsys.readouterr().err


def test_store_python_leaves_data_open_elsewhere(store, fixture_path, capsys):
    lama = store / "AppData" / "Local" / "lkjip"
    assert cli.main(["import", str(fixture_path), "--db", str(lama / "lkjip.json")]) == 0
    (lama / "lkjip.json.kunci").write_text("{}", encoding="utf-8")  # another lkjip has it open
    assert paths.siapkan_folder_data() is None
    assert not (store / "Budi" / "lkjip").exists()


def test_other_python_unchanged(monkeypatch, tmp_path):
    monkeypatch.delenv("LKJIP_DB", raising=False)
    if paths.python_store((sys.executable, sys.prefix, sys.base_prefix)):
        pytest.fail("the test suite itself runs on the Store's Python")
    assert paths.default_db() == paths.folder_data_biasa() / "lkjip.json"
    assert paths.peringatan_store() is None
