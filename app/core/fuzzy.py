"""Fuzzy search for the palette: every typed word must appear, best matches first.

A word matches where it starts a word of the item (best), anywhere inside it, or as
letters in order ("apd" finds "API Docs"). Typing on narrows the previous result
instead of scanning everything again, which keeps 10,000 projects instant.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K")
_SEPARATORS = re.compile(r"[\s\-_/.,;()·&+|]+")


def _normal(text: str) -> str:
    """Lower case, separators as single spaces: "API-Docs (King)" -> "api docs king"."""
    return _SEPARATORS.sub(" ", text.casefold()).strip()


class FuzzyIndex(Generic[T]):
    def __init__(self, items: Sequence[T], text: Callable[[T], str]):
        self.items = list(items)
        self._text = text
        # " word" marks a word start and " word " a whole word: both are plain substring tests
        self._hay = [self._row(item) for item in self.items]
        self._boost = [0.0] * len(self.items)
        self._joined()

    def _row(self, item: T) -> str:
        return " " + _normal(self._text(item)) + " "

    def _joined(self) -> None:
        self._all = "\n".join(self._hay)
        self._offsets = list(itertools.accumulate((len(h) + 1 for h in self._hay[:-1]), initial=0))
        self._last: tuple[str, list[int]] = ("", [])

    def update(self, changed: Mapping[K, T | None], key: Callable[[T], K]) -> None:
        """The items whose `key` is in `changed` are replaced by its value (None: removed), in text order;
        only their rows are worked out again (a rename among 50,000 projects, issue 17)."""
        if not changed:
            return
        kept = [i for i, item in enumerate(self.items) if key(item) not in changed]
        if len(kept) < len(self.items):
            self.items = [self.items[i] for i in kept]
            self._hay = [self._hay[i] for i in kept]
            self._boost = [self._boost[i] for i in kept]
        for item in changed.values():
            if item is not None:
                row = self._row(item)
                at = bisect.bisect(self._hay, row)
                self.items.insert(at, item)
                self._hay.insert(at, row)
                self._boost.insert(at, 0.0)
        self._joined()

    def set_boost(self, boost: Callable[[T], float]) -> None:
        """Lift items (recently used ones) a little: capped below a word-start hit (3)."""
        self._boost = [min(2.0, boost(item)) for item in self.items]

    def search(self, query: str, limit: int = 50) -> list[T]:
        words = _normal(query).split()
        if not words:
            order = sorted(range(len(self.items)), key=lambda i: (-self._boost[i], self._hay[i]))
            return [self.items[i] for i in order[:limit]]
        wanted = " ".join(words)
        last_query, last_hits = self._last
        narrowing = bool(last_query) and wanted.startswith(last_query)
        hits = self._matching(words[0], last_hits if narrowing else None)
        for word in words[1:]:
            hits = self._matching(word, hits)
        self._last = (wanted, hits)
        return [self.items[i] for i in self._ranked(hits, wanted, words, limit)]

    def _ranked(self, hits: list[int], wanted: str, words: list[str], limit: int) -> list[int]:
        """Best first: the name starting with the query, each word at a word start, recency, shortness."""
        hay, boost = self._hay, self._boost
        prefix = " " + wanted
        starts = [" " + w for w in words]  # at a word start
        wholes = [" " + w + " " for w in words]  # a whole word: "api" ranks "API Docs" over "Apiary"
        if len(words) == 1:
            # One word: a word-start hit (3) always beats a plain one (boost + whole-word bonus < 3), and
            # a name starting with the word (8 + 3) beats both; rank only the best tier that fills the
            # list, without the general scoring below. Keeps a first keystroke over 10,000 names fast.
            start, whole = starts[0], wholes[0]
            for tier in ([i for i in hits if hay[i].startswith(prefix)], [i for i in hits if start in hay[i]]):
                if len(tier) >= limit:
                    hits = tier
                    break
            keyed = [(-(8 * h.startswith(prefix) + 3 * (start in h) + (whole in h) + boost[i]), len(h), i)
                     for i in hits for h in (hay[i],)]
        else:
            keyed = [(-(8 * h.startswith(prefix) + boost[i] + sum(3 for s in starts if s in h)
                        + sum(1 for w in wholes if w in h)), len(h), i)
                     for i in hits for h in (hay[i],)]
        return [i for *_, i in heapq.nsmallest(limit, keyed)]

    def _matching(self, word: str, pool: list[int] | None) -> list[int]:
        """Indexes (in pool, or all) whose text holds `word`, or its letters in order."""
        hay = self._hay
        if pool is not None:
            pattern = re.compile(".*?".join(map(re.escape, word)))
            return [i for i in pool if word in hay[i] or pattern.search(hay[i])]
        if len(word) == 1:
            return [i for i, h in enumerate(hay) if word in h]
        # A scan of everything: one regex over all names (newline-separated) runs in C.
        pattern = re.compile("[^\\n]*?".join(map(re.escape, word)) + "[^\\n]*")  # one match per line
        found = {bisect.bisect_right(self._offsets, m.start()) - 1 for m in pattern.finditer(self._all)}
        return sorted(found)
