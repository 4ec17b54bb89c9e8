"""A named rule of the parser: a pattern that recognises a piece of an entry, and what
to do with what it matched.

The parser used to read a chunk through a long chain of `if re.match(...): ...;
return`.  Written as a table of Rules instead, each reading has a name (so that a test
can try one alone, and a reader can find it), and the order of the table is the order
in which readings are tried, as it was in the chain.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """`handle(match, target)` puts what the match says into `target` and returns True;
    it returns False to let the later rules of the table try (a rule whose pattern
    matches but whose condition on the target does not hold)."""

    name: str
    pattern: re.Pattern
    handle: Callable[[re.Match, Any], bool]

    def apply(self, text, target):
        """Whether this rule read `text` into `target`."""
        match = self.pattern.match(text)
        return bool(match) and self.handle(match, target)


def first_rule(rules, text, target):
    """The first rule of a table that reads `text` into `target`, else None."""
    return next((rule for rule in rules if rule.apply(text, target)), None)
