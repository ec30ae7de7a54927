"""The allowlist every rendered card passes through: deck files come from strangers.

``nh3`` (the Rust ``ammonia`` sanitiser) parses the HTML like a browser and keeps only the tags,
attributes, URL schemes and style properties listed here. Two rules need the deck's folder and run
on nh3's well-formed output: links keep only http, https and mailto targets, and an image is kept
only when it is a file under the deck's folder, rewritten to an absolute ``file://`` URL; any
other image becomes its alt text, so rendering never fetches anything.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3

__all__ = ["IMAGE_SUFFIXES", "resolve_image", "sanitize_html"]

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol",
    "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}  # fmt: skip
# Removed together with everything inside them (other unknown tags lose only the tag).
_DROP_WITH_CONTENT = {
    "applet", "embed", "frame", "frameset", "iframe", "math", "noembed", "noframes", "noscript",
    "object", "script", "select", "style", "svg", "template", "textarea", "title",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "span": {"style"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
}
# Only properties that colour or weight text: nothing that loads (background-image, list-style-
# image, border-image) or moves things around.
_STYLE_PROPERTIES = {
    "background-color", "color", "font-style", "font-weight", "text-decoration",
}  # fmt: skip
_LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"})

_A_OR_IMG_RE = re.compile(r'<(a|img)((?:\s+[\w:-]+="[^"]*")*)\s*/?>')
_ATTR_RE = re.compile(r'([\w:-]+)="([^"]*)"')
_BAD_STYLE_RE = re.compile(r'\sstyle="[^"]*(?:url\(|expression|\\)[^"]*"', re.IGNORECASE)
_EMPTY_ANCHOR_RE = re.compile(r"<a>(\s*)</a>")
_DIMENSION_RE = re.compile(r"\d{1,4}%?")


_local = threading.local()


def _cleaner() -> nh3.Cleaner:
    """This thread's nh3 cleaner (building one per call costs more than cleaning a card)."""
    cleaner: nh3.Cleaner | None = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = _local.cleaner = nh3.Cleaner(
            tags=_TAGS,
            clean_content_tags=_DROP_WITH_CONTENT,
            attributes=_ATTRIBUTES,
            url_schemes=_LINK_SCHEMES,
            filter_style_properties=_STYLE_PROPERTIES,
            strip_comments=True,
            link_rel=None,
        )
    return cleaner


def resolve_image(src: str, base_dir: Path | None) -> Path | None:
    """The real file ``src`` names inside ``base_dir``, or None when it is remote, absolute,
    escapes the folder (``..``, symlinks), is missing or is not an image."""
    if base_dir is None or not src or "\x00" in src:
        return None
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:  # http:, file:, data:, C: ...
        return None
    relative = unquote(parts.path)
    if not relative or relative.startswith(("/", "\\")):
        return None
    try:
        root = base_dir.resolve(strict=True)
        target = (root / relative).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a symlink loop, a name the OS refuses
        return None
    if not target.is_relative_to(root) or not target.is_file():
        return None
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return target


def _rewrite_tag(match: re.Match[str], base_dir: Path | None) -> str:
    tag = match.group(1)
    attrs = {name: html.unescape(value) for name, value in _ATTR_RE.findall(match.group(2))}
    if tag == "a":
        href = attrs.get("href", "")
        scheme = urlsplit(href).scheme.lower() if href else ""
        if scheme in _LINK_SCHEMES:
            title = attrs.get("title")
            extra = f' title="{html.escape(title)}"' if title else ""
            return f'<a href="{html.escape(href)}"{extra}>'
        return "<a>"
    image = resolve_image(attrs.get("src", ""), base_dir)
    if image is None:
        return html.escape(attrs.get("alt", ""), quote=False)
    out = [f'<img src="{html.escape(image.as_uri())}"']
    for name in ("width", "height"):
        value = attrs.get(name, "")
        if _DIMENSION_RE.fullmatch(value):
            out.append(f' {name}="{value}"')
    out.append(f' alt="{html.escape(attrs.get("alt", ""))}">')
    return "".join(out)


def sanitize_html(fragment: str, base_dir: Path | None = None) -> str:
    """``fragment`` with everything outside the allowlist removed (see the module docstring)."""
    clean = _cleaner().clean(fragment)
    if "style=" in clean:
        clean = _BAD_STYLE_RE.sub("", clean)
    if "<a" in clean or "<img" in clean:
        clean = _A_OR_IMG_RE.sub(lambda m: _rewrite_tag(m, base_dir), clean)
        clean = _EMPTY_ANCHOR_RE.sub(r"\1", clean)
    return clean
