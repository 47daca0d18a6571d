"""Import every module of the installed tradedigest, as a fresh `pip install .` leaves it.

Run by the venv under test, from outside the checkout, so nothing resolves to the source tree."""

import importlib
import pkgutil
import sys
import sysconfig

SITE = sysconfig.get_paths()["purelib"]

for package in ("digest", "bot"):
    root = importlib.import_module(package)
    if not root.__file__.startswith(SITE):
        sys.exit(f"{package} imported from {root.__file__}, not the installed package in {SITE}")
    names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]
    for name in names:
        importlib.import_module(name)
    print(f"{package}: {len(names)} modules import")
