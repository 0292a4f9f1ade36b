"""store/ and exports/ are headless: importing every module of them never loads textual."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import store, exports
for pkg in (store, exports):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(m.name)
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len([m for m in sys.modules if m.startswith(("store.", "exports."))]))
assert not bad, bad
"""


def test_store_and_exports_never_import_textual():
    r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.strip()) >= 8  # the modules were really imported
