"""Generated benchmark data, the same for Flashcards and for Anki.

* ``generate_notes``: N basic notes of realistic size: a Chinese prompt, a Chinese answer with
  English terms, and in a fifth of them a short YAML manifest or shell block. Note 0 carries the
  30-line YAML manifest the render benchmark shows.
* ``write_decks``: the notes as Markdown deck files (ours), ``write_anki_csv``: the same notes as
  one CSV file with a deck column for Anki's CSV import, the answers in HTML (code in ``<pre>``).
* ``history_plan``: which notes are due (~20%), scheduled later (~30%) or new (50%), with how many
  days overdue or ahead; ``add_review_history`` / ``add_anki_review_history`` apply the same plan to
  either collection, with three past answers logged per reviewed card.

Notes are found on both sides by the number in their prompt (``第 N 题``).
"""

from __future__ import annotations

import csv
import html
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ANKI_PARENT_DECK",
    "DECKS",
    "SEARCH_WORD",
    "YAML_NOTE",
    "HistoryPlan",
    "add_anki_review_history",
    "add_review_history",
    "anki_deck_name",
    "deck_index",
    "generate_notes",
    "history_plan",
    "markdown_to_anki_html",
    "note_index",
    "write_anki_csv",
    "write_decks",
]

DECKS = 10
ANKI_PARENT_DECK = "基准"
# A technical term per note, 100 of them, so each is in 1% of the notes. Terms share prefixes and
# suffixes the way real vocabulary shares trigrams; none is a substring of another.
TERM_HEADS = [
    "Pod",
    "Node",
    "Cache",
    "Shard",
    "Replica",
    "Index",
    "Queue",
    "Gateway",
    "Cert",
    "Metric",
]
TERM_TAILS = [
    "Budget",
    "Affinity",
    "Eviction",
    "Quorum",
    "Rebalance",
    "Snapshot",
    "Backoff",
    "Lease",
    "Rotation",
    "Watermark",
]
TERMS = [head + tail for head in TERM_HEADS for tail in TERM_TAILS]
SEARCH_WORD = TERMS[34]  # ShardRebalance: in notes n with n % 100 == 34

TOPICS = [
    "容器",
    "集群",
    "缓存",
    "数据库",
    "索引",
    "副本",
    "分片",
    "网关",
    "证书",
    "队列",
    "日志",
    "指标",
]
ASPECTS = ["作用", "原理", "区别", "配置", "故障排查", "最佳实践"]
SENTENCES = [
    "{topic}用于在分布式系统 (distributed system) 中提高可用性与性能。",
    "它通过把请求分散到多个节点 (node) 来避免单点故障 (single point of failure)。",
    "配置错误时常见的症状是延迟升高、超时 (timeout) 增多，以及健康检查 (health check) 失败。",
    "排查时先看指标 (metrics) 和日志 (logs)，再确认最近一次变更 (change) 的内容。",
    "生产环境里应设置资源限制 (resource limits)，并为关键路径准备回滚 (rollback) 方案。",
    "与单机方案相比，它的代价是更复杂的一致性 (consistency) 与运维成本。",
]

# 30 lines of YAML: the render benchmark's note (note 0) shows it.
YAML_NOTE = """```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{n}
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          readinessProbe:
            httpGet: {{path: /healthz, port: 8080}}
```"""
SHORT_YAML = """```yaml
apiVersion: v1
kind: Service
metadata:
  name: web-{n}
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
```"""
SHELL_NOTE = """```bash
kubectl scale deployment/web-{n} --replicas=5
kubectl rollout status deployment/web-{n}
```"""

_NOTE_NUMBER = re.compile(r"第 (\d+) 题")


def generate_notes(count: int, seed: int = 42) -> list[tuple[str, str]]:
    """``count`` (prompt, answer Markdown) pairs: Chinese prose, a fifth with a code block."""
    rng = random.Random(seed)
    notes = []
    for n in range(count):
        topic = rng.choice(TOPICS)
        prompt = f"第 {n} 题：{topic}的{rng.choice(ASPECTS)}是什么？"
        sentences = rng.sample(SENTENCES[1:], rng.randint(1, 3))
        answer = SENTENCES[0].format(topic=topic) + "".join(sentences)
        answer += f"关键词 {TERMS[n % 100]}，编号 {n}。"
        if n == 0:
            answer += "\n\n" + YAML_NOTE.format(n=n)
        elif n % 5 == 0:
            answer += "\n\n" + (SHORT_YAML if n % 10 == 0 else SHELL_NOTE).format(n=n)
        notes.append((prompt, answer))
    return notes


def note_index(prompt: str) -> int:
    """The note's number, read back from its prompt (plain text or HTML)."""
    found = _NOTE_NUMBER.search(prompt)
    if found is None:
        raise ValueError(f"not a generated note: {prompt!r}")
    return int(found.group(1))


def deck_index(n: int, count: int, decks: int = DECKS) -> int:
    """The deck a note goes to: contiguous chunks, in note order."""
    per_deck = -(-count // decks)
    return n // per_deck


def write_decks(folder: Path, notes: list[tuple[str, str]], files: int = DECKS) -> list[Path]:
    """Spread ``notes`` over ``files`` deck files in ``folder`` (one deck per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-len(notes) // files)
    paths = []
    for index in range(files):
        chunk = notes[index * per_file : (index + 1) * per_file]
        lines = [
            "---",
            f"id: bench-{index:03d}",
            f"title: 基准牌组 {index}",
            "lang: zh-CN",
            "---",
            "",
        ]
        for prompt, answer in chunk:
            lines += [f"## {prompt}", "", answer, ""]
        path = folder / f"bench-{index:03d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def markdown_to_anki_html(answer: str) -> str:
    """The HTML an Anki user would store for our answer: paragraphs, code in ``<pre><code>``."""
    parts = []
    for block in answer.split("\n\n"):
        if block.startswith("```"):
            lines = block.split("\n")
            lang = lines[0][3:].strip()
            code = html.escape("\n".join(lines[1:-1]), quote=False)
            parts.append(f'<pre><code class="language-{lang}">{code}</code></pre>')
        else:
            parts.append(f"<p>{html.escape(block, quote=False)}</p>")
    return "".join(parts)


def anki_deck_name(index: int) -> str:
    return f"{ANKI_PARENT_DECK}::基准牌组 {index}"


def write_anki_csv(path: Path, notes: list[tuple[str, str]], decks: int = DECKS) -> Path:
    """The same notes as a tab-separated file with Anki's header lines and a deck column."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("#separator:tab\n#html:true\n#notetype:Basic\n#deck column:3\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for n, (prompt, answer) in enumerate(notes):
            writer.writerow(
                [
                    html.escape(prompt, quote=False),
                    markdown_to_anki_html(answer),
                    anki_deck_name(deck_index(n, len(notes), decks)),
                ]
            )
    return path


@dataclass(frozen=True)
class HistoryPlan:
    """Note numbers with their days overdue (``due``) or days ahead (``later``)."""

    due: list[tuple[int, int]]
    later: list[tuple[int, int]]


def history_plan(count: int, seed: int = 7) -> HistoryPlan:
    """~20% of notes due today (0-30 days overdue), ~30% due in 1-60 days, the rest new."""
    rng = random.Random(seed)
    order = list(range(count))
    rng.shuffle(order)
    due = [(n, rng.randint(0, 30)) for n in order[: count // 5]]
    later = [(n, rng.randint(1, 60)) for n in order[count // 5 : count // 2]]
    return HistoryPlan(due, later)


# Scheduling state given to reviewed cards: (repetitions, interval days, easiness x100), and the
# three past answers logged for each: (quality, interval after).
DUE_STATE = (3, 15, 250)
LATER_STATE = (4, 61, 260)  # last review 1-60 days ago: none logged today
PAST_ANSWERS = ((4, 1), (4, 6), (4, 15))
_ANKI_EASE = {1: 1, 3: 2, 4: 3, 5: 4}  # SuperMemo grade -> Anki button


def add_review_history(collection: Any, *, seed: int = 7) -> None:
    """Apply ``history_plan`` to our collection (one card per generated basic note)."""
    from sqlalchemy import bindparam, insert, select, update

    from flashcards.storage.models import Card, Note, ReviewLog

    cards = Card.__table__
    today = collection.today()
    with collection.database.unit_of_work() as session:
        rows = session.execute(
            select(Card.id, Card.deck_id, Note.prompt).join(Note, Note.id == Card.note_id)
        ).all()
        by_note = {note_index(prompt): (card_id, deck_id) for card_id, deck_id, prompt in rows}
        plan = history_plan(len(by_note), seed)
        params: list[dict[str, int]] = []
        log: list[dict[str, Any]] = []
        for entries, state, sign in ((plan.due, DUE_STATE, -1), (plan.later, LATER_STATE, 1)):
            reps, interval, cents = state
            for n, days in entries:
                card_id, deck_id = by_note[n]
                due = today + sign * days
                params.append(
                    {
                        "b_id": card_id,
                        "b_reps": reps,
                        "b_ivl": interval,
                        "b_ef": cents,
                        "b_due": due,
                    }
                )
                log += _our_log(card_id, deck_id, due - interval)
        statement = (
            update(cards)
            .where(cards.c.id == bindparam("b_id"))
            .values(
                repetitions=bindparam("b_reps"),
                interval=bindparam("b_ivl"),
                easiness_cents=bindparam("b_ef"),
                due=bindparam("b_due"),
            )
        )
        session.execute(statement, params)
        session.execute(insert(ReviewLog), log)


def _our_log(card_id: int, deck_id: int, last_day: int) -> list[dict[str, Any]]:
    rows = []
    days = [last_day - 7, last_day - 6, last_day]
    previous = 0
    for step, ((quality, interval), day) in enumerate(zip(PAST_ANSWERS, days, strict=True)):
        rows.append(
            {
                "card_id": card_id,
                "deck_id": deck_id,
                "time_ms": 1_700_000_000_000 + step,
                "day": day,
                "quality": quality,
                "kind": "learn" if step == 0 else "review",
                "answer_ms": 4000,
                "reps_before": step,
                "interval_before": previous,
                "easiness_before": 250,
                "due_before": None if step == 0 else day,
                "reps_after": step + 1,
                "interval_after": interval,
                "easiness_after": 250,
                "due_after": day + interval,
            }
        )
        previous = interval
    return rows


def add_anki_review_history(col: Any, *, seed: int = 7) -> None:
    """Apply the same ``history_plan`` to an Anki collection (``anki.collection.Collection``)."""
    today = col.sched.today
    rows = col.db.all("select c.id, n.sfld from cards c join notes n on n.id = c.nid")
    by_note = {note_index(str(sfld)): int(card_id) for card_id, sfld in rows}
    plan = history_plan(len(by_note), seed)
    updates: list[Sequence[int]] = []
    revlog: list[Sequence[int]] = []
    revlog_id = 1_600_000_000_000
    for entries, state, sign in ((plan.due, DUE_STATE, -1), (plan.later, LATER_STATE, 1)):
        reps, interval, cents = state
        for n, days in entries:
            card_id = by_note[n]
            updates.append((today + sign * days, interval, cents * 10, reps, card_id))
            previous = 0
            for step, (quality, ivl) in enumerate(PAST_ANSWERS):
                revlog_id += 1
                kind = 0 if step == 0 else 1  # learn, review
                ease = _ANKI_EASE[quality]
                revlog.append((revlog_id, card_id, ease, ivl, previous, 2500, 4000, kind))
                previous = ivl

    def apply() -> None:
        col.db.executemany(
            "update cards set type = 2, queue = 2, due = ?, ivl = ?, factor = ?, reps = ?, "
            "lapses = 0, left = 0, usn = -1 where id = ?",
            updates,
        )
        col.db.executemany(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            "values (?, ?, -1, ?, ?, ?, ?, ?, ?)",
            revlog,
        )

    col.db.transact(apply)
