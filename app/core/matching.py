"""Find a project or service by what a person typed: exact, unique prefix, unique substring."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from app.errors import AppError
from app.i18n import translate

T = TypeVar("T")


class MatchError(AppError):
    def __init__(self, message: str, candidates: Sequence[str] = (), missing: bool = False):
        super().__init__(message)
        self.candidates = list(candidates)
        self.missing = missing  # nothing is called so (not several): a fresher catalog may know it

    def __str__(self) -> str:
        if not self.candidates:
            return self.message
        return self.message + "\n" + "\n".join(f"  {c}" for c in self.candidates)


def find(query: str, items: Sequence[T], name: Callable[[T], str], label: Callable[[T], str],
         kind: str) -> T:
    """The one item `query` names; MatchError listing candidates when none or several."""
    wanted = query.strip().casefold()
    if not wanted:
        raise MatchError(translate("Matching", "No project name given.") if kind == "project" else translate("Matching", "No service name given."))
    for test in (lambda n: n == wanted, lambda n: n.startswith(wanted), lambda n: wanted in n):
        hits = [item for item in items if test(name(item).casefold())]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            shown = sorted(label(h) for h in hits)
            several = (translate("Matching", "“{query}” matches {count} projects; be more precise:") if kind == "project"
                       else translate("Matching", "“{query}” matches {count} services; be more precise:"))
            more = [translate("Matching", "… and {count} more").format(count=len(shown) - 15)] if len(shown) > 15 else []
            raise MatchError(several.format(query=query, count=len(hits)), shown[:15] + more)
    similar = sorted(label(i) for i in items if wanted[:3] in name(i).casefold())[:10]
    none = translate("Matching", "No project is called “{query}”.") if kind == "project" else translate("Matching", "No service is called “{query}”.")
    raise MatchError(none.format(query=query) + (" " + translate("Matching", "Did you mean:") if similar else ""), similar,
                     missing=True)
