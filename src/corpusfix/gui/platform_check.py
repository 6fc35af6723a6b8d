"""Before Qt starts: the system libraries its X11 (xcb) plugin loads, named by Debian package.

Without them Qt aborts with a message naming one library at a time (and not the package to
install); this check names every missing one in one line, with the command that installs it.
"""

from __future__ import annotations

import ctypes
import os
import sys

# What PySide6's libqxcb.so / libQt6XcbQpa.so.6 link against (ldd), with the Debian/Ubuntu
# package of each. The dev script's demo set-up installs the same list.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)


def qt_platform() -> str:
    """The platform plugin Qt will try first ("" where it is not a Linux desktop's)."""
    asked = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0]  # "wayland;xcb", "xcb:option=…"
    if not sys.platform.startswith("linux"):
        return ""
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages() -> list[tuple[str, str]]:
    return [(lib, pkg) for lib, pkg in XCB_LIBRARIES if not _loadable(lib)]


def startup_problem() -> str | None:
    """One line saying what to install (or set) before the app can open a window; None: fine."""
    if qt_platform() != "xcb":
        return None
    missing = missing_xcb_packages()
    if missing:
        libs = ", ".join(lib for lib, _ in missing)
        pkgs = " ".join(pkg for _, pkg in missing)
        return (
            f"the desktop app needs system libraries that are missing ({libs}): "
            f"install them with `sudo apt-get install {pkgs}`"
        )
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "no X display to open the window on (DISPLAY is not set)"
    return None
