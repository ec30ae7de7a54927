"""``check_paths``: the JSON report, counts, duplicate deck ids, text output, file discovery."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flashcards.deckformat import check_paths, deck_files

K8S = """\
---
id: k8s
title: Kubernetes
reverse: true
---

# Kubernetes

## What is a Pod?
<!-- id: pod; source: 000:L1 -->

The smallest unit.

## Replicas
<!-- source: 000:L2 -->

```yaml
spec:
  {{c1::replicas: 3}}
```

And {{c2::prose}}.

## Plain code
<!-- reverse: false -->

~~~sh
kubectl get pods
~~~
"""

OTHER = """\
---
id: other
title: Other
unknown: 1
---

## One
<!-- source: x -->

A.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_json_report_has_the_exact_shape_and_counts(tmp_path: Path) -> None:
    write(tmp_path, "k8s.md", K8S)
    write(tmp_path, "sub/other.md", OTHER)
    report = check_paths([tmp_path])
    assert not report.has_errors
    assert report.to_json() == {
        "decks": [
            {
                "path": str(tmp_path / "k8s.md"),
                "id": "k8s",
                "title": "Kubernetes",
                "notes": 3,
                # pod: basic + reverse (deck default); replicas: c1, c2; plain code: basic only
                "cards": 5,
                "code_cards": 3,
                "cloze_cards": 2,
                "code_cloze_cards": 1,
                "missing_source": 1,
            },
            {
                "path": str(tmp_path / "sub" / "other.md"),
                "id": "other",
                "title": "Other",
                "notes": 1,
                "cards": 1,
                "code_cards": 0,
                "cloze_cards": 0,
                "code_cloze_cards": 0,
                "missing_source": 0,
            },
        ],
        "errors": [],
        "warnings": [
            {
                "path": str(tmp_path / "sub" / "other.md"),
                "line": 4,
                "message": "unknown front matter key 'unknown'",
            }
        ],
    }
    json.dumps(report.to_json())  # serialisable as is


def test_text_report(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nid: a\ntitle: A\n---\n## Q\n\n## R\n{{c1::\n")
    write(tmp_path, "b.md", OTHER)
    report = check_paths([tmp_path / "a.md", tmp_path / "b.md"])
    assert report.has_errors
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert report.format_text().splitlines() == [
        f"{a}:5: error: note has no answer: write it under the heading (or under the '---' line),"
        " or use a cloze",
        f"{a}:8: error: unterminated cloze '{{{{c1::'",  # R's back is the broken cloze text
        f"{b}:4: warning: unknown front matter key 'unknown'",
        "checked 2 files: 2 decks, 3 notes, 3 cards; 2 errors, 1 warning",
    ]
    assert [e["line"] for e in report.to_json()["errors"]] == [5, 8]


def test_duplicate_deck_ids_are_an_error_on_the_second_file(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\nid: same\ntitle: A\n---\n## Q\nA\n")
    write(tmp_path, "b.md", "---\ntitle: B\n\nid: same\n---\n## Q\nA\n")
    write(tmp_path, "c.md", "---\nid: same\ntitle: C\n---\n## Q\nA\n")
    report = check_paths([tmp_path])
    first = str(tmp_path / "a.md")
    assert report.to_json()["errors"] == [
        {
            "path": str(tmp_path / "b.md"),
            "line": 4,
            "message": f"deck id 'same' is already used by {first}",
        },
        {
            "path": str(tmp_path / "c.md"),
            "line": 2,
            "message": f"deck id 'same' is already used by {first}",
        },
    ]
    assert [d["title"] for d in report.to_json()["decks"]] == ["A", "B", "C"]


def test_a_broken_header_is_not_a_deck_but_its_other_errors_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.md", "---\nid: [\n---\n\n## Q\n\n## R\n\nA.\n")
    report = check_paths([path])
    assert report.to_json() == {
        "decks": [],
        "errors": [
            {
                "path": str(path),
                "line": 3,
                "message": "invalid YAML in the front matter: did not find expected node content",
            },
            {
                "path": str(path),
                "line": 5,
                "message": "note has no answer: write it under the "
                "heading (or under the '---' line), or use a cloze",
            },
        ],
        "warnings": [],
    }
    assert report.format_text().splitlines()[-1] == (
        "checked 1 file: 0 decks, 0 notes, 0 cards; 2 errors, 0 warnings"
    )


def test_file_level_problems(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    folder_as_file = tmp_path / "dir.md"
    folder_as_file.mkdir()
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nid: x\ntitle: X\n---\n## Q\n\n\xc3\x28 broken\n")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    report = check_paths([missing, bad, empty])
    assert report.to_json()["errors"] == [
        {
            "path": str(bad),
            "line": 7,
            "message": "not valid UTF-8 (byte 0xc3); save the file as UTF-8",
        },
        {
            "path": str(empty),
            "line": 1,
            "message": "empty file: a deck starts with front matter holding 'id' and 'title'",
        },
        {
            "path": str(missing),
            "line": 1,
            "message": "cannot read the file: No such file or directory",
        },
    ]
    assert report.decks == ()


def test_no_files(tmp_path: Path) -> None:
    report = check_paths([tmp_path])
    assert report.to_json() == {"decks": [], "errors": [], "warnings": []}
    assert report.format_text() == "no deck files found"
    assert not report.has_errors


# --- discovery --------------------------------------------------------------------------------


def test_deck_files_walks_folders_sorted_and_skips_what_is_not_a_deck(tmp_path: Path) -> None:
    root = tmp_path / "decks"
    for name in [
        "b.md",
        "a.md",
        "sub/c.md",
        "sub/deeper/d.MD",
        "README.md",
        "sub/readme.md",
        "CHANGELOG.md",
        "notes.txt",
        ".hidden.md",
        ".git/e.md",
        "sub/.cache/f.md",
    ]:
        write(root, name, "x")
    assert deck_files([root]) == [
        root / "a.md",
        root / "b.md",
        root / "sub" / "c.md",
        root / "sub" / "deeper" / "d.MD",
    ]


def test_deck_files_takes_named_files_as_given_once(tmp_path: Path) -> None:
    readme = write(tmp_path, "README.md", "x")
    txt = write(tmp_path, "deck.txt", "x")
    assert deck_files([txt, readme, tmp_path / "README.md", tmp_path / "nope.md"]) == [
        readme,
        txt,
        tmp_path / "nope.md",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_outside_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.md", "x")
    root = tmp_path / "decks"
    write(root, "a.md", "x")
    write(root, "inner/b.md", "x")
    (root / "link-out.md").symlink_to(outside / "secret.md")
    (root / "dir-out").symlink_to(outside, target_is_directory=True)
    (root / "link-in.md").symlink_to(root / "inner" / "b.md")  # same file twice: listed once
    (root / "inner" / "loop").symlink_to(root, target_is_directory=True)  # no endless walk
    assert deck_files([root]) == [root / "a.md", root / "inner" / "b.md"]


def test_folders_and_files_together_are_merged_and_sorted(tmp_path: Path) -> None:
    a = write(tmp_path, "x/a.md", "x")
    b = write(tmp_path, "y/b.md", "x")
    assert deck_files([tmp_path / "y", a, tmp_path / "x"]) == [a, b]
