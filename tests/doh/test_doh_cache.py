"""doh.cache with a fake clock: TTLs honoured and aged, least recently used answers dropped first."""

from __future__ import annotations

import dns.message

from doh.cache import AnswerCache
from doh.constants import MAX_RENDERINGS
from doh.messages import Question

ONE, TWO, THREE = (Question(f"n{number}.example.test", 1) for number in (1, 2, 3))
MESSAGE = dns.message.make_query("example.test", "A")


def test_an_answer_is_kept_for_its_lifetime_and_aged(clock):
    cache = AnswerCache(10, clock)
    assert cache.put(ONE, MESSAGE, 30)[:3] == (MESSAGE, 0, 30)
    assert cache.get(ONE)[:3] == (MESSAGE, 0, 30)
    clock.advance(10.7)
    assert cache.get(ONE)[:3] == (MESSAGE, 10, 20)  # whole seconds: a TTL is never rounded up
    clock.advance(19.2)
    assert cache.get(ONE)[:3] == (MESSAGE, 29, 1)
    clock.advance(0.1)
    assert cache.get(ONE) is None
    assert len(cache) == 0  # the expired answer is gone


def test_a_miss(clock):
    assert AnswerCache(10, clock).get(ONE) is None


def test_nothing_with_no_lifetime_is_kept(clock):
    cache = AnswerCache(10, clock)
    cache.put(ONE, MESSAGE, 0)
    assert cache.get(ONE) is None


def test_a_size_of_zero_keeps_nothing(clock):
    cache = AnswerCache(0, clock)
    cache.put(ONE, MESSAGE, 30)
    assert cache.get(ONE) is None


def test_the_least_recently_used_goes_first(clock):
    cache = AnswerCache(2, clock)
    cache.put(ONE, MESSAGE, 30)
    cache.put(TWO, MESSAGE, 30)
    assert cache.get(ONE)  # ONE is now the most recently used
    cache.put(THREE, MESSAGE, 30)
    assert len(cache) == 2
    assert cache.get(TWO) is None
    assert cache.get(ONE) and cache.get(THREE)


def test_putting_again_refreshes(clock):
    cache = AnswerCache(2, clock)
    cache.put(ONE, MESSAGE, 30)
    clock.advance(25)
    cache.put(ONE, MESSAGE, 30)
    clock.advance(25)
    assert cache.get(ONE)[:3] == (MESSAGE, 25, 5)
    assert len(cache) == 1


def test_the_same_name_with_another_type_is_another_answer(clock):
    cache = AnswerCache(10, clock)
    cache.put(Question("example.test", 1), MESSAGE, 30)
    assert cache.get(Question("example.test", 28)) is None


def test_renderings_are_made_once_per_second_of_age(clock):
    cache = AnswerCache(10, clock)
    made = []

    def make(text: str):
        return lambda: made.append(text) or text.encode()

    assert cache.put(ONE, MESSAGE, 30).render("json", make("at 0")) == b"at 0"
    assert cache.get(ONE).render("json", make("again")) == b"at 0"
    assert cache.get(ONE).render("other", make("other")) == b"other"  # another key, made apart
    clock.advance(1)
    assert cache.get(ONE).render("json", make("at 1")) == b"at 1"  # a second older: TTLs changed
    assert made == ["at 0", "other", "at 1"]


def test_renderings_are_bounded(clock):
    cache = AnswerCache(10, clock)
    answer = cache.put(ONE, MESSAGE, 30)
    for key in range(MAX_RENDERINGS * 3):
        answer.render(key, lambda: b"x")
    assert 0 < len(answer.renderings) <= MAX_RENDERINGS


def test_an_answer_not_kept_still_renders(clock):
    answer = AnswerCache(0, clock).put(ONE, MESSAGE, 30)
    assert answer.render("json", lambda: b"{}") == b"{}"
