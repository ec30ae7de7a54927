"""Helpers for the deck format tests."""

from __future__ import annotations

from flashcards.deckformat import Diagnostic, ParsedDeck, parse_deck

HEADER = "---\nid: demo\ntitle: Demo\n---\n"


def deck_text(body: str, header: str = HEADER) -> str:
    """A deck file: the header (3 lines + fences = lines 1-4) then ``body`` from line 5."""
    return header + body


def parse(body: str, header: str = HEADER) -> ParsedDeck:
    return parse_deck(deck_text(body, header).encode("utf-8"), "deck.md")


def diags(deck: ParsedDeck) -> list[tuple[int, str, str]]:
    """(line, severity, message) of every diagnostic, in order."""
    return [(d.line, d.severity, d.message) for d in deck.diagnostics]


def lines_of(diagnostics: tuple[Diagnostic, ...]) -> list[int]:
    return [d.line for d in diagnostics]


def generated_deck(index: int, notes: int) -> str:
    """A generated deck: plain, code (with `---` and `## ` inside), split and cloze notes."""
    out = [
        f"---\nid: bench-{index}\ntitle: Bench {index}\ntags: [bench]\nlang: zh-CN\n---\n\n"
        f"# Bench {index}\n\nIntro.\n"
    ]
    for j in range(notes):
        kind = j % 4
        out.append(f"\n## 问题 {index}-{j}：Pod 与 Service 有什么区别，为什么要这样设计？\n")
        out.append(
            f"<!-- id: note-{index}-{j}; tags: pod workload; source: 000:L{j}-{j + 5} -->\n\n"
        )
        if kind == 0:
            out.append(
                "Pod 是最小的调度单元，包含一个或多个容器，它们共享网络命名空间和存储卷。\n"
                "Service 提供稳定的虚拟 IP 和 DNS 名称，把流量负载均衡到一组 Pod 上。\n"
                "- 第一点说明\n- 第二点说明\n"
            )
        elif kind == 1:
            out.append(
                "```yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n"
                "  {{c1::type: ClusterIP}}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
                "---\n## not a heading\n```\n"
            )
        elif kind == 2:
            out.append(
                "背景和上下文。\n\n---\n\n答案：**容器端口** 8080，`port` 是 Service 暴露的端口。\n"
            )
        else:
            out.append(
                "- {{c1::Deployment}} 管理无状态副本\n"
                "- {{c2::StatefulSet}} 管理有状态副本，提供稳定的网络标识和持久存储。\n"
                "- {{c3::DaemonSet}} 在每个节点上运行一个副本。\n"
            )
    return "".join(out)
