"""Import problems in the author's language, each with where it is and what to do.

``where`` is ``file.xlsx!sheet!C12`` for a workbook cell, ``file.csv:12:C (列名)``
for a CSV cell and ``file.xml:12`` / ``file.txt:12`` for Moodle files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chatdojo.i18n import Strings

# The texts live in chatdojo/strings/formats.yml (ja and en, the same {fields}).
MESSAGES = Strings.load("formats")


def say(key: str, lang: str, **values: object) -> str:
    return MESSAGES.tr(key, lang, **values)


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Problems:
    lang: str = "ja"
    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, key: str, **values: object) -> None:
        if len(self.items) < 500:
            self.items.append(Problem(where, say(key, self.lang, **values)))

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)
