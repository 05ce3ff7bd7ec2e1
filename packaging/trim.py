"""What of Qt the bundle keeps: the libraries the app imports, and the plugins it loads.

PyInstaller collects every plugin of each Qt module it sees, and every library those
plugins link. The app draws its icons with QPainter, speaks no TLS through Qt (httpx
does), loads no images and needs no GTK theme, so those plugins go, and with them the
libraries only they needed (GTK, cairo, pango, image codecs, Kerberos...).
packaging/check_bundle.py then proves that every library left finds what it links.
"""

from __future__ import annotations

import re

PLUGINS = [
    r"plugins/(imageformats|iconengines|tls|generic|egldeviceintegrations|sqldrivers|qmltooling)/",
    r"plugins/platforms/(lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay|minimal|direct2d)\.",
    r"plugins/platformthemes/libqgtk3\.",            # GTK theme: the portal theme does the job
    r"plugins/networkinformation/libq(glib|connman)\.",  # NetworkManager covers Linux desktops
]
QT_LIBS = [
    r"(lib)?Qt6(Qml|Quick|OpenGLWidgets|Pdf|VirtualKeyboard|Test|EglFSDeviceIntegration|EglFsKmsSupport)\w*\.",
    r"PySide6/Qt/lib/lib(ssl|crypto)",               # Qt's own OpenSSL; Python's ssl brings its own
    r"translations/(?!qtbase_de\.qm)",               # Qt's texts in languages the app does not speak
    r"PySide6/(QtQml|QtQuick|QtOpenGL|QtTest)",  # (Qt's Svg library stays: GNOME's Wayland decorations use it)
]
# Linked only by the plugins above (checked by packaging/check_bundle.py on every build).
LINUX_ONLY_FOR_DROPPED = (
    r"lib(gtk|gdk|gdk_pixbuf|cairo|cairo-gobject|pango|pangocairo|pangoft2|atk|atk-bridge|atspi|epoxy|harfbuzz"
    r"|graphite2|fribidi|thai|datrie|pixman|jpeg|Xcomposite|Xcursor|Xdamage|Xi|Xinerama|Xrandr|Xrender|Xext|Xfixes"
    r"|xcb-glx|gio|gobject|gmodule|mount|selinux|blkid)(-[\d.]+)?\.so"
)
_DROP = re.compile("|".join(PLUGINS + QT_LIBS))
_DROP_LINUX = re.compile(r"(^|/)" + LINUX_ONLY_FOR_DROPPED)


def keep(path: str, platform: str) -> bool:
    path = path.replace("\\", "/")
    if _DROP.search(path):
        return False
    return not (platform == "linux" and _DROP_LINUX.search(path))
