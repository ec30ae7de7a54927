#!/bin/sh
# Install Flashcards for the current user (no root needed), or remove it with --uninstall.
#
#   ./install.sh               # into ~/.local
#   ./install.sh --uninstall
#   PREFIX=/opt/flashcards ./install.sh   # elsewhere (may need sudo)
#
# The app goes to $PREFIX/lib/flashcards, a link to it to $PREFIX/bin/flashcards, and the
# desktop entry, icons and AppStream metadata under $PREFIX/share. Your collection is not part of
# the install: it lives in ~/.local/share/flashcards and is kept by --uninstall.
set -eu

APP_ID=io.github.flashcards.Flashcards
PREFIX=${PREFIX:-$HOME/.local}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$PREFIX/lib/flashcards
BIN=$PREFIX/bin/flashcards
SHARE=$PREFIX/share
DESKTOP=$SHARE/applications/$APP_ID.desktop
METAINFO=$SHARE/metainfo/$APP_ID.metainfo.xml
ICONS=$SHARE/icons/hicolor

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$LIB"
    if [ -L "$BIN" ]; then rm -f "$BIN"; fi
    rm -f "$DESKTOP" "$METAINFO" "$ICONS/scalable/apps/$APP_ID.svg"
    for icon in "$ICONS"/*/apps/"$APP_ID".png; do
        if [ -e "$icon" ]; then rm -f "$icon"; fi
    done
    refresh_caches
    echo "Flashcards removed from $PREFIX (your collection in ~/.local/share/flashcards is kept)."
}

install() {
    if [ ! -x "$HERE/flashcards/flashcards" ]; then
        echo "install.sh: run it from the unpacked archive (flashcards/flashcards is missing)" >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo"
    # Copy beside the old install, then swap: a failed copy leaves the old one working.
    rm -rf "$LIB.new"
    cp -R "$HERE/flashcards" "$LIB.new"
    rm -rf "$LIB"
    mv "$LIB.new" "$LIB"
    ln -sfn "$LIB/flashcards" "$BIN"
    # The desktop entry starts the installed binary by its full path: ~/.local/bin is not on
    # every desktop session's PATH.
    sed -e "s|^Exec=flashcards|Exec=$BIN|" -e "s|^TryExec=flashcards|TryExec=$BIN|" \
        "$HERE/share/applications/$APP_ID.desktop" > "$DESKTOP"
    cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$METAINFO"
    (cd "$HERE/share/icons/hicolor" && find . -type f) | while read -r icon; do
        mkdir -p "$ICONS/$(dirname "$icon")"
        cp "$HERE/share/icons/hicolor/$icon" "$ICONS/$icon"
    done
    refresh_caches
    echo "Flashcards installed: $BIN"
    case ":$PATH:" in
        *":$PREFIX/bin:"*) ;;
        *) echo "Add $PREFIX/bin to PATH to run 'flashcards' from a terminal." ;;
    esac
}

case "${1:-}" in
    --uninstall) uninstall ;;
    "") install ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
