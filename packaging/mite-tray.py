"""The bundled program's entry point (PyInstaller runs this file, not the console script)."""

import sys

from app.main import main

sys.exit(main())
