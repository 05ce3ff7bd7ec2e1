"""Render the app icon (the stopwatch app/ui/icons.py draws) for installers: PNGs for the
hicolor theme, a multi-size .ico for Windows and an .icns for macOS (packed by Pillow from
the PNGs, each size drawn for its size rather than scaled).

    python packaging/icons.py build/icons
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.ui.icons import TrayState, _stopwatch  # noqa: E402

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        _stopwatch(size, TrayState.RUNNING, 20).toImage().save(str(out / f"{size}.png"))
    images = {size: Image.open(out / f"{size}.png").convert("RGBA") for size in SIZES}
    largest = images[max(ICO_SIZES)]
    largest.save(out / "mite-tray.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[512].save(out / "mite-tray.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)])


if __name__ == "__main__":
    app = QGuiApplication(["mite-tray-icons"])
    render(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "icons"))
