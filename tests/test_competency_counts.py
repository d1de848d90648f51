"""The competency counts a pane shows are worked out from what changed since the last count
(a save adds or replaces one story among tens of thousands): they must always equal a count
made afresh."""

from __future__ import annotations

import random
from collections import Counter

from tui.core import snapshot
from tui.core.kinds import STORY_KIND
from tui.core.record import Record
from tui.core.snapshot import competency_counts

TAGS = ["Leadership", "leading", "Conflict", "mentoring", "Mentorship", "ownership", " ", "data"]


def story(rng: random.Random, number: int) -> Record:
    tags = rng.sample(TAGS, rng.randint(0, 3))
    return Record(STORY_KIND, number, {"title": f"Story {number}", "competencies": tags})


def afresh(stories: list[Record]) -> Counter:
    snapshot._LAST = ([], Counter())
    return competency_counts(list(stories))


def test_counts_after_each_change_equal_a_fresh_count() -> None:
    rng = random.Random(11)
    stories = [story(rng, n) for n in range(1, 200)]
    number = len(stories)
    competency_counts(stories)
    for step in range(300):
        stories = list(stories)
        what = step % 6
        number += 1
        if what == 0:  # a new story saved: at the end
            stories.append(story(rng, number))
        elif what == 1:  # one edited: a new record in its place
            at = rng.randrange(len(stories))
            stories[at] = story(rng, stories[at].id)
        elif what == 2:  # one deleted
            del stories[rng.randrange(len(stories))]
        elif what == 3:  # two neighbours edited, or put in each other's place
            at = rng.randrange(len(stories) - 1)
            if step % 12 == 3:
                stories[at : at + 2] = [story(rng, s.id) for s in stories[at : at + 2]]
            else:
                stories[at], stories[at + 1] = stories[at + 1], stories[at]
        elif what == 4:  # several added and one removed in between
            stories[5:7] = [story(rng, number), story(rng, number + 1000)]
        elif step % 30 == 5:  # the first and the last edited: counted afresh
            stories[0] = story(rng, stories[0].id)
            stories[-1] = story(rng, stories[-1].id)
        else:  # the very same stories again
            pass
        counted = competency_counts(stories)
        assert counted == afresh(stories), f"step {step}"
        snapshot._LAST = (list(stories), counted)  # go on from the incremental path


def test_the_counts_read_tags_through_the_thesaurus() -> None:
    rng = random.Random(3)
    stories = [story(rng, n) for n in range(1, 50)]
    counts = afresh(stories)
    assert sum(counts.values()) > 0 and "" not in counts and " " not in counts
