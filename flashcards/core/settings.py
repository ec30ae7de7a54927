"""User settings: plain values with defaults, validated on the way in."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

from flashcards.core.scheduling import DEFAULT_MAX_INTERVAL

__all__ = ["DeckLimits", "Settings", "SettingsError"]

GradingMode = Literal["four", "six"]
Theme = Literal["system", "light", "dark"]
Language = Literal["system", "en", "zh_CN"]


class SettingsError(ValueError):
    """A setting with a value it cannot take."""


@dataclass(frozen=True)
class DeckLimits:
    """Daily limits a deck or folder sets for itself and what it contains."""

    new_per_day: int | None = None
    reviews_per_day: int | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the user can set."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4
    max_interval: int = DEFAULT_MAX_INTERVAL
    grading: GradingMode = "four"
    theme: Theme = "system"
    font_size: int = 15
    language: Language = "system"
    deck_folders: tuple[str, ...] = ()
    # Overrides per deck key or folder group ("bundled", "user/k8s"), inherited downwards.
    deck_limits: dict[str, DeckLimits] = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks: list[tuple[bool, str]] = [
            (0 <= self.new_per_day <= 9999, "new cards per day must be 0..9999"),
            (0 <= self.reviews_per_day <= 99999, "reviews per day must be 0..99999"),
            (0 <= self.rollover_hour <= 23, "the rollover hour must be 0..23"),
            (1 <= self.max_interval <= 36500, "the maximum interval must be 1..36500 days"),
            (self.grading in ("four", "six"), "grading must be 'four' or 'six'"),
            (self.theme in ("system", "light", "dark"), "theme must be system, light or dark"),
            (8 <= self.font_size <= 40, "font size must be 8..40"),
            (self.language in ("system", "en", "zh_CN"), "language must be system, en or zh_CN"),
        ]
        for ok, message in checks:
            if not ok:
                raise SettingsError(message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["deck_folders"] = list(self.deck_folders)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build settings from stored values, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "deck_folders" in values:
            values["deck_folders"] = tuple(str(p) for p in values["deck_folders"])
        if "deck_limits" in values:
            values["deck_limits"] = {
                str(k): DeckLimits(**v) if isinstance(v, dict) else v
                for k, v in dict(values["deck_limits"]).items()
            }
        try:
            return cls(**values)
        except TypeError as error:
            raise SettingsError(str(error)) from error

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)
