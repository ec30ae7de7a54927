"""``ids --write``: explicit ids for every note, and not one other byte changed."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

import pytest

from flashcards.deckformat import DeckFileError, assign_ids, note_slug, parse_deck, write_ids

DECK = """\
---
id: demo
title: Demo
---

# Demo

## What is a Pod?

The smallest unit.

## Service 的 `targetPort` 指什么？
<!-- source: 000:L670-690 -->

```yaml
## not a heading
<!-- not metadata -->
```

---

Back.

## Pod 是什么？
<!-- id: keep-me; tags: a -->

A.

## 什么是 Pod？
<!---->
A.

## 副本数是多少？
<!--   -->
{{c1::3}}

## What is a Pod?

Same prompt again.
"""

EXPECTED = """\
---
id: demo
title: Demo
---

# Demo

## What is a Pod?
<!-- id: what-is-a-pod -->

The smallest unit.

## Service 的 `targetPort` 指什么？
<!-- id: service-targetport; source: 000:L670-690 -->

```yaml
## not a heading
<!-- not metadata -->
```

---

Back.

## Pod 是什么？
<!-- id: keep-me; tags: a -->

A.

## 什么是 Pod？
<!-- id: pod -->
A.

## 副本数是多少？
<!--   id: n-{hash} -->
{{{{c1::3}}}}

## What is a Pod?
<!-- id: what-is-a-pod-2 -->

Same prompt again.
"""


def expected() -> str:
    return EXPECTED.format(hash=note_slug("副本数是多少？")[2:])


def test_assign_ids_inserts_exactly_the_ids_and_nothing_else() -> None:
    text, count = assign_ids(DECK)
    assert count == 5
    assert text == expected()
    deck = parse_deck(text, "demo.md")
    assert deck.diagnostics == ()
    assert [n.note_id for n in deck.notes] == [
        "what-is-a-pod",
        "service-targetport",
        "keep-me",
        "pod",
        note_slug("副本数是多少？"),
        "what-is-a-pod-2",
    ]
    # Every other field is unchanged.
    before = parse_deck(DECK, "demo.md").notes
    for old, new in zip(before, deck.notes, strict=True):
        assert (old.prompt, old.front, old.back, old.tags, old.source) == (
            new.prompt,
            new.front,
            new.back,
            new.tags,
            new.source,
        )


def test_second_run_changes_nothing() -> None:
    once, _ = assign_ids(DECK)
    assert assign_ids(once) == (once, 0)


def test_ids_avoid_existing_ids_of_the_deck() -> None:
    text, count = assign_ids("---\nid: d\ntitle: D\n---\n## Pod\nA\n", existing={"pod", "pod-2"})
    assert count == 1
    assert "<!-- id: pod-3 -->" in text


def test_notes_with_an_id_key_or_two_comments_are_left_alone() -> None:
    source = (
        "---\nid: d\ntitle: D\n---\n## A\n<!-- id: Not_Valid -->\nA\n\n"
        "## B\n<!-- tags: x -->\n<!-- source: y -->\nB\n"
    )
    assert assign_ids(source) == (source, 0)


@pytest.mark.parametrize(
    ("prompt", "slug"),
    [
        ("What is a Pod?", "what-is-a-pod"),
        ("Deploy {{c1::three}} replicas", "deploy-three-replicas"),
        ("Ｋｕｂｅｒｎｅｔｅｓ 的 Pod", "kubernetes-pod"),
        (
            "one two three four five six seven eight nine ten",
            "one-two-three-four-five-six-seven-eight",
        ),
        (
            "Supercalifragilistic expialidocious words overflowing limit",
            "supercalifragilistic-expialidocious-words",
        ),
    ],
)
def test_note_slug(prompt: str, slug: str) -> None:
    assert note_slug(prompt) == slug


def test_a_prompt_whose_first_word_is_too_long_gets_a_hash() -> None:
    assert re.fullmatch(r"n-[0-9a-f]{8}", note_slug("a" * 60))


def test_chinese_only_slug_is_a_stable_short_hash() -> None:
    slug = note_slug("副本数是多少？")
    assert slug == "n-" + hashlib.sha1("副本数是多少".encode()).hexdigest()[:8]
    assert note_slug(" 副本数是多少? ") == slug  # same normalised prompt, same id
    assert note_slug("别的问题") != slug


def test_crlf_and_missing_final_newline_are_preserved() -> None:
    source = "---\r\nid: d\r\ntitle: D\r\n---\r\n## A\r\nA\r\n\r\n## B\r\n<!-- tags: x -->\r\nB"
    text, count = assign_ids(source)
    assert count == 2
    assert text == (
        "---\r\nid: d\r\ntitle: D\r\n---\r\n## A\r\n<!-- id: a -->\r\nA\r\n\r\n"
        "## B\r\n<!-- id: b; tags: x -->\r\nB"
    )


def test_heading_on_the_last_line_without_newline() -> None:
    assert assign_ids("---\nid: d\ntitle: D\n---\n## {{c1::Tail}}") == (
        "---\nid: d\ntitle: D\n---\n## {{c1::Tail}}\n<!-- id: tail -->",
        1,
    )
    crlf = "---\r\nid: d\r\ntitle: D\r\n---\r\n## {{c1::Tail}}"
    assert assign_ids(crlf)[0] == crlf + "\r\n<!-- id: tail -->"


def test_write_ids_rewrites_the_file_keeping_every_other_byte(tmp_path: Path) -> None:
    path = tmp_path / "demo.md"
    original = ("\ufeff" + DECK).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    path.chmod(0o640)
    assert write_ids(path) == 5
    written = path.read_bytes()
    assert written == ("\ufeff" + expected()).replace("\n", "\r\n").encode("utf-8")
    # Removing the inserted bytes gives back the original exactly.
    inserted = [
        b"<!-- id: what-is-a-pod -->\r\n",
        b"id: service-targetport; ",
        b" id: pod ",
        b"id: " + note_slug("副本数是多少？").encode() + b" ",
        b"<!-- id: what-is-a-pod-2 -->\r\n",
    ]
    stripped = written
    for piece in inserted:
        assert stripped.count(piece) == 1
        stripped = stripped.replace(piece, b"", 1)
    assert stripped == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.md"]  # no temporary file left


def test_write_ids_does_not_touch_a_file_with_nothing_to_do(tmp_path: Path) -> None:
    path = tmp_path / "done.md"
    path.write_text("---\nid: d\ntitle: D\n---\n## A\n<!-- id: a -->\nA\n", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    inode = path.stat().st_ino
    assert write_ids(path) == 0
    assert path.stat().st_mtime == 1_000_000
    assert path.stat().st_ino == inode


def test_write_ids_through_a_symlink_rewrites_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("---\nid: d\ntitle: D\n---\n## A\nA\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert write_ids(link) == 1
    assert link.is_symlink()
    assert "<!-- id: a -->" in target.read_text(encoding="utf-8")


def test_write_ids_refuses_files_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nid: d\ntitle: D\n---\n## A\n\xff\n")
    with pytest.raises(DeckFileError) as caught:
        write_ids(bad)
    assert (
        str(caught.value) == f"{bad}:6: error: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    )
    assert isinstance(caught.value, ValueError)
    assert bad.read_bytes() == b"---\nid: d\ntitle: D\n---\n## A\n\xff\n"
    with pytest.raises(DeckFileError, match="cannot read the file"):
        write_ids(tmp_path / "missing.md")
