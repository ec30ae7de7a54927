"""Pack the Linux bundle with its desktop files: ``dist/flashcards-<version>-linux-<arch>.tar.gz``.

    python packaging/make_dist.py          # after `make package` (`make dist` runs both)

The archive holds one folder with the one-folder bundle (``flashcards/``), the desktop entry,
icons and AppStream metadata under ``share/`` as they go into a prefix, and ``install.sh``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tarfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from icons import PNG_SIZES, build_icons  # the sibling script (packaging/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.flashcards.Flashcards"

__all__ = ["archive_name", "make_dist"]


def project_version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def archive_name(version: str, machine: str | None = None) -> str:
    """``flashcards-<version>-linux-<arch>`` (no extension)."""
    arch = (machine or platform.machine()).lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(arch, arch)
    return f"flashcards-{version}-linux-{arch}"


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Owned by whoever unpacks it, not by the build machine's user.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def make_dist(bundle: Path, out_dir: Path, *, icons_dir: Path) -> Path:
    """Write the tarball and return its path."""
    if not (bundle / "flashcards").is_file():
        raise SystemExit(f"no bundle at {bundle}: run 'make package' first")
    name = archive_name(project_version())
    build_icons(icons_dir)
    members: list[tuple[Path, str]] = [
        (bundle, "flashcards"),
        (LINUX / "install.sh", "install.sh"),
        (LINUX / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop"),
        (LINUX / f"{APP_ID}.metainfo.xml", f"share/metainfo/{APP_ID}.metainfo.xml"),
        (
            ROOT / "resources" / "icons" / "flashcards.svg",
            f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        ),
    ]
    for size in PNG_SIZES:
        members.append(
            (
                icons_dir / f"flashcards-{size}.png",
                f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png",
            )
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.tar.gz"
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        for source, arcname in members:
            archive.add(source, arcname=f"{name}/{arcname}", filter=_normalise)
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "flashcards")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    target = make_dist(args.bundle, args.out, icons_dir=args.icons)
    size = target.stat().st_size / 2**20
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} ({size:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
