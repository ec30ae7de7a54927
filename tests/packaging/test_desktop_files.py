"""Desktop integration: .desktop entry, AppStream metainfo, icons, install.sh and the tarball."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.flashcards.Flashcards"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _script(name: str) -> ModuleType:
    # packaging/ is a folder of scripts, not a package (the name would shadow PyPI's packaging).
    folder = str(ROOT / "packaging")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", ROOT / "packaging" / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icons() -> ModuleType:
    return _script("icons.py")


@pytest.fixture(scope="module")
def icon_dir(qapp, icons: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # qapp first: the renderer would otherwise create a bare QGuiApplication for the session.
    out = tmp_path_factory.mktemp("icons")
    icons.build_icons(out)
    return out


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- .desktop and AppStream ---------------------------------------------------------------------


def test_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Flashcards"
    assert entry["Exec"] == "flashcards"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].split(";")[0] == "Education"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_is_well_formed_and_matches_the_project() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.tag == "component"
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("project_license") == "MIT"
    launchable = component.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert component.findtext("provides/binary") == "flashcards"
    releases = component.findall("releases/release")
    assert releases, "no release listed"
    assert releases[0].get("version") == VERSION, "the newest release must be pyproject's version"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli (apt: appstream)")
def test_metainfo_validates_with_appstreamcli() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- icons ----------------------------------------------------------------------------------------


def test_png_sizes_are_rendered_square_and_exact(icons: ModuleType, icon_dir: Path) -> None:
    for size in icons.PNG_SIZES:
        assert _png_size((icon_dir / f"flashcards-{size}.png").read_bytes()) == (size, size)
    assert icons.PNG_SIZES[0] == 16 and icons.PNG_SIZES[-1] == 512


def test_ico_holds_every_size_as_png(icons: ModuleType, icon_dir: Path) -> None:
    data = (icon_dir / "flashcards.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for index, size in enumerate(icons.ICO_SIZES):
        width, height, _, _, _, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert (width or 256, height or 256, bpp) == (size, size, 32)
        assert _png_size(data[offset : offset + length]) == (size, size)


def test_icns_elements_are_pngs_of_their_declared_size(icons: ModuleType, icon_dir: Path) -> None:
    data = (icon_dir / "flashcards.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    sizes = dict(icons.ICNS_TYPES)
    position, seen = 8, []
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        png = data[position + 8 : position + length]
        assert _png_size(png) == (sizes[kind], sizes[kind])
        seen.append(kind)
        position += length
    assert position == len(data)
    assert seen == [kind for kind, _ in icons.ICNS_TYPES]


def test_qt_reads_the_generated_ico(qapp, icon_dir: Path) -> None:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(icon_dir / "flashcards.ico"))
    assert reader.canRead(), reader.errorString()
    assert reader.imageCount() == 7


# --- install.sh and the tarball -------------------------------------------------------------------


def _fake_unpacked_archive(root: Path, icons: ModuleType, icon_dir: Path) -> Path:
    """What `make dist` unpacks to, with a stand-in bundle."""
    bundle = root / "flashcards"
    (bundle / "_internal").mkdir(parents=True)
    executable = bundle / "flashcards"
    executable.write_text("#!/bin/sh\necho 'flashcards test-bundle'\n", encoding="utf-8")
    executable.chmod(0o755)
    shutil.copy(LINUX / "install.sh", root / "install.sh")
    (root / "share" / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP, root / "share" / "applications" / DESKTOP.name)
    (root / "share" / "metainfo").mkdir(parents=True)
    shutil.copy(METAINFO, root / "share" / "metainfo" / METAINFO.name)
    for size in icons.PNG_SIZES:
        target = root / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(icon_dir / f"flashcards-{size}.png", target / f"{APP_ID}.png")
    return root


def _sh(script: Path, *args: str, prefix: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "PREFIX": str(prefix)}
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, check=False
    )


def test_install_sh_installs_and_uninstalls_under_a_prefix(
    tmp_path: Path, icons: ModuleType, icon_dir: Path
) -> None:
    unpacked = _fake_unpacked_archive(tmp_path / "unpacked", icons, icon_dir)
    prefix, home = tmp_path / "prefix", tmp_path / "home"
    home.mkdir()
    result = _sh(unpacked / "install.sh", prefix=prefix, home=home)
    assert result.returncode == 0, result.stderr
    binary = prefix / "bin" / "flashcards"
    assert binary.is_symlink()
    assert binary.resolve() == (prefix / "lib" / "flashcards" / "flashcards").resolve()
    assert subprocess.run([str(binary)], capture_output=True, text=True).stdout.strip() == (
        "flashcards test-bundle"
    )
    desktop = (prefix / "share" / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    assert f"\nExec={binary}\n" in desktop  # a full path: ~/.local/bin may not be on PATH
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    for size in icons.PNG_SIZES:
        assert (prefix / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()

    # A second install replaces the first in place.
    assert _sh(unpacked / "install.sh", prefix=prefix, home=home).returncode == 0

    result = _sh(unpacked / "install.sh", "--uninstall", prefix=prefix, home=home)
    assert result.returncode == 0, result.stderr
    assert not binary.exists() and not binary.is_symlink()
    assert not (prefix / "lib" / "flashcards").exists()
    assert not list(prefix.rglob(f"{APP_ID}*"))


def test_install_sh_refuses_to_run_outside_the_archive(tmp_path: Path) -> None:
    shutil.copy(LINUX / "install.sh", tmp_path / "install.sh")
    result = _sh(tmp_path / "install.sh", prefix=tmp_path / "p", home=tmp_path)
    assert result.returncode == 1
    assert "run it from the unpacked archive" in result.stderr


def test_tarball_layout(tmp_path: Path, icons: ModuleType) -> None:
    make_dist = _script("make_dist.py")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "flashcards").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "flashcards").chmod(0o755)
    target = make_dist.make_dist(bundle, tmp_path / "out", icons_dir=tmp_path / "icons")
    name = make_dist.archive_name(VERSION)
    assert target.name == f"{name}.tar.gz"
    assert make_dist.archive_name("1.2.3", "AMD64") == "flashcards-1.2.3-linux-x86_64"
    with tarfile.open(target) as archive:
        members = {m.name: m for m in archive.getmembers()}
    expected = [
        "flashcards/flashcards",
        "install.sh",
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        *(f"share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in icons.PNG_SIZES),
    ]
    for path in expected:
        assert f"{name}/{path}" in members, path
    assert all(m.name.startswith(f"{name}/") or m.name == name for m in members.values())
    assert members[f"{name}/install.sh"].mode & 0o111
    assert members[f"{name}/flashcards/flashcards"].mode & 0o111
    assert {m.uid for m in members.values()} == {0}
