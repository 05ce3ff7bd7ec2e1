"""Build mite-tray's installer for the OS this runs on, into dist/ (run by scripts/build, or by CI).

    Linux    dist/mite-tray_VERSION_ARCH.deb and dist/mite-tray-VERSION-linux-ARCH.tar.gz
    macOS    dist/mite-tray-VERSION-macos.dmg (signed and notarized when the secrets are set)
    Windows  dist/mite-tray-VERSION-windows-setup.exe (Inno Setup)

Every step is a plain tool call; sizes are printed at the end for the release notes.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))
from app import __version__  # noqa: E402
from check_bundle import linked  # noqa: E402

BUILD, DIST = ROOT / "build", ROOT / "dist"
BUNDLE = DIST / "bundle"
ARCH = {"x86_64": "amd64", "AMD64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine(),
                                                                                       platform.machine())


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def size_mib(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def bundle() -> Path:
    run(sys.executable, ROOT / "packaging" / "icons.py", BUILD / "icons")
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", BUNDLE, "--workpath", BUILD / "pyinstaller", ROOT / "packaging" / "mite-tray.spec")
    return BUNDLE / ("mite-tray.app" if sys.platform == "darwin" else "mite-tray")


def linux(folder: Path) -> list[Path]:
    run(sys.executable, ROOT / "packaging" / "check_bundle.py", folder)
    root = BUILD / "deb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(folder, root / "opt" / "mite-tray", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "mite-tray").symlink_to("/opt/mite-tray/mite-tray")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "mite-tray.desktop", applications / "mite-tray.desktop")
    icons = root / "usr" / "share" / "icons" / "hicolor"
    for png in (BUILD / "icons").glob("*.png"):
        size = png.stem
        (icons / f"{size}x{size}" / "apps").mkdir(parents=True)
        shutil.copy(png, icons / f"{size}x{size}" / "apps" / "mite-tray.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "mite-tray.svg", icons / "scalable" / "apps" / "mite-tray.svg")
    doc = root / "usr" / "share" / "doc" / "mite-tray"
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "copyright", doc / "copyright")
    control = (ROOT / "packaging" / "linux" / "control").read_text()
    installed_kib = int(size_mib(root) * 1024)
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control.format(
        version=__version__, arch=ARCH, size=installed_kib, glibc=glibc_needed(folder),
        libraries=", ".join(sorted(system_packages(folder)))))
    deb = DIST / f"mite-tray_{__version__}_{ARCH}.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, deb)
    portable = DIST / f"mite-tray-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(portable, "w:gz") as archive:
        archive.add(folder, arcname=f"mite-tray-{__version__}")
        archive.add(ROOT / "resources" / "mite-tray.desktop", arcname=f"mite-tray-{__version__}/mite-tray.desktop")
        archive.add(BUILD / "icons" / "256.png", arcname=f"mite-tray-{__version__}/mite-tray.png")
    print("No AppImage: appimagetool is neither in Debian nor on PyPI, and a downloaded binary is not an "
          "option here; the portable .tar.gz serves the same purpose.")
    return [deb, portable]


def glibc_needed(folder: Path) -> str:
    """The newest glibc symbol version any bundled library asks for: the .deb's libc6 dependency."""
    libraries = [str(p) for p in folder.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    dump = subprocess.run(["objdump", "-T", *libraries], capture_output=True, text=True).stdout
    versions = {tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", dump)}
    return ".".join(map(str, max(versions)))


def system_packages(folder: Path) -> set[str]:
    """The Debian packages of every library the bundle takes from the system (besides libc6, which
    glibc_needed versions): the .deb depends on each. Written by hand, the list missed
    libwayland-cursor0 and libxcb-cursor0, which Qt's Wayland and xcb plugins link."""
    outside = {target for _library, _name, target in linked(folder)
               if target != "not found" and not target.startswith(str(folder))}
    return packages_of(outside) - {"libc6"}


def packages_of(paths: set[str]) -> set[str]:
    """Which installed Debian package holds each file (merged /usr: dpkg may list it under /usr/lib
    while the loader found it under /lib)."""
    packages = set()
    for path in paths:
        candidates = {path, os.path.realpath(path)}
        candidates |= {"/usr" + c for c in candidates if c.startswith("/lib")}
        for candidate in sorted(candidates):
            found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                packages.add(found.stdout.split(":")[0].split(",")[0].strip())
                break
        else:
            raise SystemExit(f"No Debian package holds {path}; the .deb could not depend on it.")
    return packages


def macos(app: Path) -> list[Path]:
    signing = ROOT / "packaging" / "macos" / "sign-and-notarize.sh"
    run("bash", signing, app)  # signs when the secrets are set, says why not otherwise
    dmg = DIST / f"mite-tray-{__version__}-macos.dmg"
    staging = BUILD / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    dmg.unlink(missing_ok=True)
    run("hdiutil", "create", "-volname", "mite-tray", "-srcfolder", staging, "-ov", "-format", "UDZO", dmg)
    run("bash", signing, dmg)
    return [dmg]


def windows(folder: Path) -> list[Path]:
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    run(iscc, f"/DVersion={__version__}", f"/DBundle={folder}", f"/DIcon={BUILD / 'icons' / 'mite-tray.ico'}",
        f"/O{DIST}", ROOT / "packaging" / "windows" / "mite-tray.iss")
    return [DIST / f"mite-tray-{__version__}-windows-setup.exe"]


def main() -> int:
    DIST.mkdir(exist_ok=True)
    folder = bundle()
    made = {"linux": linux, "darwin": macos, "win32": windows}["linux" if sys.platform.startswith("linux")
                                                               else sys.platform](folder)
    print(f"\nmite-tray {__version__}: bundle {size_mib(folder):.1f} MiB ({folder})")
    for path in made:
        print(f"  {path.name}: {size_mib(path):.1f} MiB")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a") as out:
            out.write("files=" + ",".join(str(p) for p in made) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
