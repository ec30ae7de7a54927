"""Generated benchmark data: Markdown decks of realistic notes and a realistic review history."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import func, select, update

from flashcards.services.collection import Collection
from flashcards.storage.models import Card, ReviewLog

__all__ = ["YAML_NOTE", "add_review_history", "generate_notes", "write_decks"]

TOPICS = ["容器", "集群", "缓存", "数据库", "索引", "副本", "分片", "网关", "证书", "队列", "日志", "指标"]
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
            httpGet:
              path: /healthz
              port: 8080
```"""
SHELL_NOTE = "```bash\nkubectl scale deployment/web-{n} --replicas=5\nkubectl rollout status deployment/web-{n}\n```"


def generate_notes(count: int, seed: int = 42) -> list[tuple[str, str]]:
    """``count`` (prompt, answer) pairs: Chinese prose, a fifth with a YAML or shell block."""
    rng = random.Random(seed)
    notes = []
    for n in range(count):
        topic = rng.choice(TOPICS)
        prompt = f"第 {n} 题：{topic}的{rng.choice(['作用', '原理', '区别', '配置'])}是什么？"
        answer = (
            f"{topic}用于在分布式系统 (distributed system) 中提高可用性与性能，编号 {n}。"
            f"关键词 marker{n % 100}。"
        )
        if n % 5 == 0:
            answer += "\n\n" + (YAML_NOTE if n % 10 == 0 else SHELL_NOTE).format(n=n)
        notes.append((prompt, answer))
    return notes


def write_decks(folder: Path, notes: list[tuple[str, str]], files: int) -> list[Path]:
    """Spread ``notes`` over ``files`` deck files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-len(notes) // files)
    paths = []
    for index in range(files):
        chunk = notes[index * per_file : (index + 1) * per_file]
        lines = ["---", f"id: bench-{index:03d}", f"title: 基准牌组 {index}", "lang: zh-CN", "---", ""]
        for prompt, answer in chunk:
            lines += [f"## {prompt}", "", answer, ""]
        path = folder / f"bench-{index:03d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def add_review_history(collection: Collection, *, seed: int = 7) -> None:
    """Make ~20% of cards due today, ~30% scheduled later, 50% new, with a log of past answers."""
    rng = random.Random(seed)
    today = collection.today()
    with collection.database.unit_of_work() as session:
        card_ids = list(session.scalars(select(Card.id).order_by(Card.id)))
        rng.shuffle(card_ids)
        total = len(card_ids)
        due = card_ids[: total // 5]
        later = card_ids[total // 5 : total // 2]
        for chunk_start in range(0, len(due), 5000):
            for card_id in due[chunk_start : chunk_start + 5000]:
                session.execute(
                    update(Card)
                    .where(Card.id == card_id)
                    .values(repetitions=3, interval=15, easiness_cents=250, due=today - rng.randint(0, 30))
                )
        for card_id in later:
            session.execute(
                update(Card)
                .where(Card.id == card_id)
                .values(repetitions=4, interval=40, easiness_cents=260, due=today + rng.randint(1, 60))
            )
        rows = []
        deck_of = dict(session.execute(select(Card.id, Card.deck_id)).all())
        for card_id in due + later:
            for step in range(3):
                rows.append(
                    {
                        "card_id": card_id,
                        "deck_id": deck_of[card_id],
                        "time_ms": 1_700_000_000_000 + step,
                        "day": today - 90 + step * 20,
                        "quality": rng.choice((3, 4, 4, 5)),
                        "kind": "learn" if step == 0 else "review",
                        "answer_ms": rng.randint(2000, 9000),
                        "reps_before": step,
                        "interval_before": (0, 1, 6)[step],
                        "easiness_before": 250,
                        "due_before": None if step == 0 else today - 90 + step * 20,
                        "reps_after": step + 1,
                        "interval_after": (1, 6, 15)[step],
                        "easiness_after": 250,
                        "due_after": today - 90 + (step + 1) * 20,
                    }
                )
        from sqlalchemy import insert

        session.execute(insert(ReviewLog), rows)
        assert session.scalar(select(func.count()).select_from(ReviewLog)) == len(rows)
