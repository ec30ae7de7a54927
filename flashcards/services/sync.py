"""Bring the database in line with the deck files, keeping every note's review history."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import false, select, update
from sqlalchemy.orm import Session

from flashcards.deckformat import (
    DeckHeader,
    Diagnostic,
    ParsedDeck,
    ParsedNote,
    card_specs,
    deck_files,
    read_deck_bytes,
)
from flashcards.services.collection import Collection
from flashcards.services.deckprep import PreparedDeck, prepare_deck
from flashcards.services.gcpause import gc_paused
from flashcards.services.identity import match_notes
from flashcards.services.paths import bundled_decks_dir
from flashcards.storage import bulk
from flashcards.storage.models import Card, Deck, DeckFile, Note

# Where a prepared row holds the note's content hash (rows follow bulk.NOTE_FIELDS).
HASH_FIELD = bulk.NOTE_FIELDS.index("content_hash")

__all__ = ["DeckSource", "DeckSyncResult", "SyncReport", "default_sources", "sync_decks"]


@dataclass(frozen=True)
class DeckSource:
    """A folder of decks and the group its decks appear under in the deck tree."""

    group: str
    folder: Path


@dataclass
class DeckSyncResult:
    """What a sync did to one deck."""

    deck_key: str
    path: str
    added: int = 0
    edited: int = 0
    moved: int = 0
    removed: int = 0
    restored: int = 0

    @property
    def changed(self) -> bool:
        return any((self.added, self.edited, self.moved, self.removed, self.restored))


@dataclass
class SyncReport:
    """What a whole sync did."""

    decks: list[DeckSyncResult] = field(default_factory=list)
    unchanged_files: int = 0
    retired_decks: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def totals(self) -> dict[str, int]:
        keys = ("added", "edited", "moved", "removed", "restored")
        return {k: sum(getattr(d, k) for d in self.decks) for k in keys}


def default_sources(collection: Collection) -> list[DeckSource]:
    """The bundled decks plus the user's deck folders from the settings."""
    sources = [DeckSource("bundled", bundled_decks_dir())]
    folders = [Path(p).expanduser() for p in collection.settings.deck_folders]
    for folder in folders:
        name = folder.name or "decks"
        group = "user" if len(folders) == 1 else f"user/{name}"
        sources.append(DeckSource(group, folder))
    return sources


@dataclass
class _FileState:
    path: Path
    group: str
    size: int
    mtime_ns: int
    sha256: str = ""
    deck: ParsedDeck | None = None
    data: bytes | None = None


def sync_decks(
    collection: Collection, sources: Sequence[DeckSource] | None = None, *, force: bool = False
) -> SyncReport:
    """Read every deck file of ``sources``; add, update, move and retire notes to match."""
    sources = list(sources) if sources is not None else default_sources(collection)
    report = SyncReport()
    with gc_paused(), collection.database.unit_of_work() as session:
        known = {row.path: row for row in session.scalars(select(DeckFile))}
        seen_keys: dict[str, str] = {}  # deck key -> path that claims it
        to_apply: list[_FileState] = []
        present: set[str] = set()
        for source in sources:
            if not source.folder.is_dir():
                continue
            root = source.folder.resolve()
            for path in deck_files([source.folder]):
                state = _stat(path, _group_of(path, root, source.group))
                if state is None:
                    continue
                key = str(state.path)
                present.add(key)
                row = known.get(key)
                if (
                    not force
                    and row is not None
                    and (row.size, row.mtime_ns) == (state.size, state.mtime_ns)
                ):
                    _remember(row, seen_keys, report)
                    report.unchanged_files += 1
                    continue
                _read(state)
                if not force and row is not None and row.sha256 == state.sha256:
                    row.size, row.mtime_ns = state.size, state.mtime_ns
                    _remember(row, seen_keys, report)
                    report.unchanged_files += 1
                    continue
                to_apply.append(state)

        # Into an empty collection (a first start, a large first import) every deck is new:
        # nothing to match, and the key index is cheaper to build once at the end.
        fresh = bool(to_apply) and session.scalar(select(Note.id).limit(1)) is None
        with bulk.note_key_index_deferred(session) if fresh else nullcontext():
            for position, state in enumerate(to_apply):
                prepared = _prepare(state)
                _apply_file(session, state, prepared, known, seen_keys, report, position, fresh)

        # Files that vanished: forget them; decks no file claims any more are retired.
        for gone in set(known) - present:
            session.delete(known[gone])
        claimed = set(seen_keys)
        for deck in session.scalars(select(Deck).where(Deck.retired == false())):
            if deck.key not in claimed:
                deck.retired = True
                report.retired_decks.append(deck.key)
                _retire_notes(session, deck.id, None)
    collection.decks_changed()
    return report


def _group_of(path: Path, root: Path, group: str) -> str:
    try:
        relative = path.resolve().parent.relative_to(root)
    except ValueError:
        return group
    parts = [p for p in relative.parts if p not in ("", ".")]
    return "/".join([group, *parts])


def _stat(path: Path, group: str) -> _FileState | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return _FileState(path.resolve(), group, st.st_size, st.st_mtime_ns)


def _read(state: _FileState) -> None:
    data, problem = read_deck_bytes(state.path)
    if data is None:
        assert problem is not None
        # Unreadable or too large: a broken file, which keeps its previous cards.
        state.deck = ParsedDeck(str(state.path), None, "", (), (problem,))
        state.sha256 = f"unreadable:{state.size}:{state.mtime_ns}"
        return
    state.data = data
    state.sha256 = hashlib.sha256(data).hexdigest()


def _prepare(state: _FileState) -> PreparedDeck:
    """The file's parsed deck and note rows (an unreadable file's diagnostic, and no rows)."""
    if state.deck is not None:
        return PreparedDeck(state.deck, [], [])
    prepared = prepare_deck(state.data or b"", str(state.path))
    state.data = None  # parsed: the rows are what counts from here
    return prepared


def _remember(row: DeckFile, seen: dict[str, str], report: SyncReport) -> None:
    if row.deck_key:
        seen.setdefault(row.deck_key, row.path)
    for item in json.loads(row.errors or "[]"):
        report.diagnostics.append(
            Diagnostic(row.path, item["line"], item["message"], item["severity"])
        )


def _apply_file(
    session: Session,
    state: _FileState,
    prepared: PreparedDeck,
    known: dict[str, DeckFile],
    seen_keys: dict[str, str],
    report: SyncReport,
    position: int,
    fresh: bool,
) -> None:
    path = str(state.path)
    deck = prepared.deck
    diagnostics = list(deck.diagnostics)
    header = deck.header
    previous = known.get(path)
    key = header.id if header else (previous.deck_key if previous else None)
    if header is not None and header.id in seen_keys and seen_keys[header.id] != path:
        diagnostics.append(
            Diagnostic(path, 1, f"deck id '{header.id}' is already used by {seen_keys[header.id]}")
        )
        key = None  # the first file keeps the deck
    if key:
        seen_keys.setdefault(key, path)
    report.diagnostics.extend(diagnostics)
    broken = any(d.severity == "error" for d in diagnostics)
    row = previous or DeckFile(path=path)
    row.deck_key = key
    row.size, row.mtime_ns, row.sha256 = state.size, state.mtime_ns, state.sha256
    row.errors = json.dumps(
        [{"line": d.line, "message": d.message, "severity": d.severity} for d in diagnostics],
        ensure_ascii=False,
    )
    if previous is None:
        session.add(row)
        known[path] = row
    if broken or header is None:
        return  # a broken file keeps the cards it had until it is fixed
    deck_row = session.scalar(select(Deck).where(Deck.key == header.id))
    if deck_row is None:
        deck_row = Deck(key=header.id)
        session.add(deck_row)
    deck_row.title = header.title
    deck_row.description = header.description
    deck_row.lang = header.lang
    deck_row.tags = " ".join(header.tags)
    deck_row.intro = deck.intro
    deck_row.group_path = state.group
    deck_row.path = path
    deck_row.retired = False
    if deck_row.position == 0 or deck_row.position is None:
        deck_row.position = position + 1
    session.flush()
    report.decks.append(_sync_notes(session, deck_row, header, prepared, path, fresh))


def _sync_notes(
    session: Session,
    deck: Deck,
    header: DeckHeader,
    prepared: PreparedDeck,
    path: str,
    fresh: bool,
) -> DeckSyncResult:
    """Match a deck's notes to its rows (none when ``fresh``: the table was empty) and write."""
    result = DeckSyncResult(deck.key, path)
    notes, keys, rows = prepared.deck.notes, prepared.keys, prepared.rows
    old_rows = (
        []
        if fresh
        else session.execute(
            select(
                Note.id,
                Note.key,
                Note.explicit_id,
                Note.prompt,
                Note.back,
                Note.content_hash,
                Note.path,
                Note.line,
                Note.position,
                Note.retired,
            ).where(Note.deck_id == deck.id)
        ).all()
    )
    matches = match_notes(notes, keys, old_rows)  # new index -> old row
    moved = _moved_indexes(matches, old_rows, path) if matches else set()
    inserts: list[tuple[object, ...]] = []
    added: list[int] = []  # indexes of the inserted notes
    updates: list[tuple[object, ...]] = []
    card_work: list[tuple[int, int]] = []  # (note index, note id) needing card updates
    if not matches:  # a new deck (or none of its notes known): every row is an insert
        inserts, added = list(rows), list(range(len(rows)))
    for index, values in enumerate(rows if matches else ()):
        old = matches.get(index)
        if old is None:
            inserts.append(values)
            added.append(index)
            continue
        content_hash = values[HASH_FIELD]
        note = notes[index]
        content_changed = old.content_hash != content_hash
        if old.retired:
            result.restored += 1
        elif content_changed:
            result.edited += 1
        elif index in moved:
            result.moved += 1
        unchanged = (
            not old.retired
            and not content_changed
            and (old.key, old.path, old.line, old.position) == (keys[index], path, note.line, index)
        )
        if unchanged:
            continue
        updates.append((*values, old.id))
        if old.retired or content_changed or old.position != index:
            card_work.append((index, old.id))
    if updates:
        bulk.update_notes(session, updates)
    matched_ids = {row.id for row in matches.values()}
    retire = [row.id for row in old_rows if row.id not in matched_ids and not row.retired]
    result.removed = len(retire)
    if retire:
        _retire_notes(session, deck.id, retire)
    result.added = len(inserts)
    new_cards: list[tuple[int, int]] = []
    if inserts:
        new_ids = bulk.insert_notes(session, deck.id, inserts)
        if new_ids is None:
            query = select(Note.key, Note.id).where(Note.deck_id == deck.id)
            ids = dict(session.execute(query).all())
            new_ids = [ids[keys[index]] for index in added]
        new_cards = list(zip(added, new_ids, strict=True))
    _sync_cards(session, deck, header, notes, card_work, new_cards)
    return result


def _moved_indexes(matches: dict[int, object], old_rows: Sequence[object], path: str) -> set[int]:
    """New indexes of matched notes that changed file or order relative to the others."""
    pairs = sorted(matches.items(), key=lambda item: item[0])
    moved = {index for index, row in pairs if row.path != path}  # type: ignore[attr-defined]
    # Notes outside the longest run that kept its old relative order are the ones that moved.
    sequence = [(index, row.position) for index, row in pairs]  # type: ignore[attr-defined]
    keep = _longest_increasing(sequence)
    moved.update(index for index, _ in sequence if index not in keep)
    return moved


def _longest_increasing(sequence: list[tuple[int, int]]) -> set[int]:
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(sequence)
    for i, (_, value) in enumerate(sequence):
        j = bisect.bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j] = value
            tail_at[j] = i
        parent[i] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(sequence[i][0])
        i = parent[i]
    return keep


def _sync_cards(
    session: Session,
    deck: Deck,
    header: DeckHeader,
    notes: Sequence[ParsedNote],
    changed: list[tuple[int, int]],
    added: list[tuple[int, int]],
) -> None:
    """Give ``changed`` notes the cards their specs ask for; ``added`` notes have none yet."""
    existing: dict[int, dict[int, tuple[int, bool]]] = {}
    note_ids = [note_id for _, note_id in changed]
    for chunk_start in range(0, len(note_ids), 20000):
        chunk = note_ids[chunk_start : chunk_start + 20000]
        for card_id, note_id, ordinal, retired in session.execute(
            select(Card.id, Card.note_id, Card.ordinal, Card.retired).where(Card.note_id.in_(chunk))
        ):
            existing.setdefault(note_id, {})[ordinal] = (card_id, retired)
    deck_id = deck.id
    inserts: list[tuple[int, int, int, str, int]] = []
    updates: list[tuple[str, int, int, int]] = []
    stale: list[int] = []
    for index, note_id in changed:
        specs = card_specs(notes[index], header)
        have = existing.get(note_id, {})
        for spec in specs:
            position = index * 1000 + spec.ordinal
            current = have.get(spec.ordinal)
            if current is None:
                inserts.append((note_id, deck_id, spec.ordinal, spec.kind, position))
            else:
                updates.append((spec.kind, position, deck_id, current[0]))
        wanted = {spec.ordinal for spec in specs}
        stale += [
            card_id
            for ordinal, (card_id, retired) in have.items()
            if ordinal not in wanted and not retired
        ]
    # New notes have no cards to compare with. When they all want the same cards (the usual
    # case: every note basic) and hold a run of ids, SQLite makes the cards from the note rows.
    # A note's cards depend only on its clozes and its reverse flag (and the header).
    shapes = {(notes[index].cloze_numbers, notes[index].reverse) for index, _ in added}
    ids = [note_id for _, note_id in added]
    run: list[tuple[int, str]] = []
    if len(shapes) == 1 and _is_run(ids):
        run = [(spec.ordinal, spec.kind) for spec in card_specs(notes[added[0][0]], header)]
    else:
        for index, note_id in added:
            base = index * 1000
            for spec in card_specs(notes[index], header):
                inserts.append((note_id, deck_id, spec.ordinal, spec.kind, base + spec.ordinal))
    if updates:
        bulk.update_cards(session, updates)
    if stale:
        session.execute(update(Card).where(Card.id.in_(stale)).values(retired=True))
    if inserts:
        bulk.insert_cards(session, inserts)
    if run:
        bulk.insert_cards_of_notes(session, ids[0], ids[-1], run)


def _is_run(ids: list[int]) -> bool:
    """True when ``ids`` are consecutive and increasing."""
    return bool(ids) and ids == list(range(ids[0], ids[0] + len(ids)))


def _retire_notes(session: Session, deck_id: int, note_ids: Sequence[int] | None) -> None:
    notes = update(Note).where(Note.deck_id == deck_id)
    cards = update(Card).where(Card.deck_id == deck_id)
    if note_ids is not None:
        notes = notes.where(Note.id.in_(note_ids))
        cards = cards.where(Card.note_id.in_(note_ids))
    session.execute(notes.values(retired=True))
    session.execute(cards.values(retired=True))
