"""A bounded cache of upstream answers: the least recently used answer goes first when it is full, and each answer
is kept only for its lifetime (`doh.answers.lifetime`), so positive and negative answers alike are reused exactly as
long as their TTLs allow.

Each cached answer also keeps the bytes last made from it (its JSON, the reply to a client's query), so that the
many requests for one popular name within the same second of its age share one rendering.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import NamedTuple

import dns.message

from doh.constants import MAX_RENDERINGS
from doh.messages import Question


class Answer(NamedTuple):
    """An upstream answer, how many whole seconds it has spent in the cache and how many it may still be reused."""

    message: dns.message.Message
    age: int
    ttl: int
    # key -> (the age it was made at, the bytes): shared by every Answer of one cache entry.
    renderings: dict[Hashable, tuple[int, bytes]]

    def render(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes `make` makes from this answer at this age: made once per key and second of age."""
        made = self.renderings.get(key)
        if made is not None and made[0] == self.age:
            return made[1]
        if len(self.renderings) >= MAX_RENDERINGS:  # clients with ever-new query IDs: forget them all
            self.renderings.clear()
        data = make()
        self.renderings[key] = (self.age, data)
        return data


class AnswerCache:
    """Answers by question, at most `size` of them (0 keeps none)."""

    def __init__(self, size: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._size = size
        self._clock = clock
        # question -> (message, when it was stored, its lifetime, its renderings); insertion order is recency order.
        self._entries: OrderedDict[Question, tuple[dns.message.Message, float, int, dict]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, question: Question) -> Answer | None:
        entry = self._entries.get(question)
        if entry is None:
            return None
        message, stored_at, lifetime, renderings = entry
        elapsed = self._clock() - stored_at
        if elapsed >= lifetime:
            del self._entries[question]
            return None
        self._entries.move_to_end(question)
        age = int(elapsed)
        return Answer(message, age, lifetime - age, renderings)

    def put(self, question: Question, message: dns.message.Message, lifetime: int) -> Answer:
        """Keep the answer (unless it may not be reused) and return it as fresh."""
        answer = Answer(message, 0, lifetime, {})
        if lifetime > 0 and self._size > 0:
            self._entries[question] = (message, self._clock(), lifetime, answer.renderings)
            self._entries.move_to_end(question)
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return answer
