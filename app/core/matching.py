"""Find a project or service by what a person typed: exact, unique prefix, unique substring."""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

T = TypeVar("T")


class MatchError(LookupError):
    def __init__(self, message: str, candidates: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.candidates = list(candidates)

    def __str__(self) -> str:
        if not self.candidates:
            return self.message
        return self.message + "\n" + "\n".join(f"  {c}" for c in self.candidates)


def find(query: str, items: Sequence[T], name: Callable[[T], str], label: Callable[[T], str],
         kind: str) -> T:
    """The one item `query` names; MatchError listing candidates when none or several."""
    wanted = query.strip().casefold()
    if not wanted:
        raise MatchError(f"No {kind} name given.")
    for test in (lambda n: n == wanted, lambda n: n.startswith(wanted), lambda n: wanted in n):
        hits = [item for item in items if test(name(item).casefold())]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            shown = sorted(label(h) for h in hits)
            raise MatchError(f"'{query}' matches {len(hits)} {kind}s; be more precise:", shown[:15]
                             + ([f"... and {len(shown) - 15} more"] if len(shown) > 15 else []))
    similar = sorted(label(i) for i in items if wanted[:3] in name(i).casefold())[:10]
    raise MatchError(f"No {kind} is called '{query}'." + (" Did you mean:" if similar else ""), similar)
