"""A whole workspace indexed at once (search_bulk, numpy) gives the very index that adding its
records one by one gives: the same word numbers, postings, records and weighted fields, for
plain and hostile text alike; and when it cannot promise that, it leaves the index alone."""

from __future__ import annotations

import random
from array import array

import pytest
from hostile import CORPUS

from tui.core import search_bulk, search_digests
from tui.core.kinds import KINDS
from tui.core.search_bulk import bulk_add
from tui.core.search_index import BULK_MIN, SearchIndex
from tui.core.thesaurus import thesaurus

WORDS = [
    "led",
    "the",
    "migration",
    "post-mortem",
    "café",
    "naïve",
    "straße",
    "İstanbul",
    "東京",
    "señor",
    "re-org",
    "x-ray-ready",
    "a",
    "q3",
    "under_score",
    "2024",
    "76%",
    "internationalisation",  # 20 letters: past the first 8 and 16 bytes
    "internationalisations",
    "counterrevolutionaries",  # 22
    "counterrevolutionariesque",  # 25: past the first 24 bytes
    "counterrevolutionariesquely",
    "internationalisationsmiths",  # these two differ only past the first 24 bytes
    "internationalisationsmithy",
    "électroencéphalographiquement",  # long and not ASCII
    "\x00",
    "\x01",
    "\x1b[31m",
    "tab\there",
    "\u00a0",
    "👍",
    "e\u0301",  # a combining accent
    "ǅ",  # titlecase
    "ﬁne",  # a ligature that lowercases to itself
]


SHORT = WORDS + [c for c in CORPUS if len(c) <= 1000]
LARGE = [c for c in CORPUS if len(c) > 1000]  # huge pastes: one record holds them all


def text(rng: random.Random, low: int, high: int) -> str:
    picks = [rng.choice(SHORT) for _ in range(rng.randint(low, high))]
    return rng.choice([" ", "  ", "\n", ", ", "-"]).join(picks)


def records(count: int, seed: int = 3) -> list[tuple[tuple[str, int], object, dict, int | None]]:
    """Records of every searched kind with every field type filled in, or left out."""
    rng = random.Random(seed)
    kinds = [KINDS[name] for name in ("story", "question", "interviewer", "research", "feedback")]
    found: list = []
    for n in range(count):
        kind = rng.choice(kinds)
        values: dict = {}
        for field in kind.fields:
            if rng.random() < 0.2:
                continue  # left empty
            if field.type in ("text", "long"):
                values[field.name] = text(rng, 0, 30)
            elif field.type == "tags":
                values[field.name] = [text(rng, 1, 2) for _ in range(rng.randint(0, 3))]
            elif field.type == "choice" and field.choices:
                values[field.name] = rng.choice(field.choices)
        found.append(((kind.name, n + 1), kind, values, rng.choice([None, 1, 2])))
    story = KINDS["story"]
    found[count // 2] = (("story", count // 2 + 1), story, {"action": "-".join(LARGE)}, None)
    return found


def one_by_one(items: list, meaning=None) -> SearchIndex:
    index = SearchIndex(meaning)
    for item in items:
        index.add(*item)
    index.vocabulary.prepare()
    return index


def assert_same(a: SearchIndex, b: SearchIndex) -> None:
    assert a.vocabulary.words == b.vocabulary.words
    assert dict(a.vocabulary.ids) == dict(b.vocabulary.ids)
    assert a.vocabulary.postings == b.vocabulary.postings
    assert a.docs == b.docs
    assert list(a.docs) == list(b.docs)
    assert a._by_number == b._by_number
    assert a.boosts == b.boosts
    assert a._next_number == b._next_number
    # the look-up lists: bulk_add makes them as `prepare` does
    assert a.vocabulary.prepared and b.vocabulary.prepared
    assert a.vocabulary._sorted == b.vocabulary._sorted
    assert a.vocabulary._by_length == b.vocabulary._by_length
    assert a.vocabulary._stems == b.vocabulary._stems


def left_to_one_by_one(items: list) -> None:
    """bulk_add refuses `items` and leaves the index untouched; add_many then adds them one
    by one, giving the index one by one gives."""
    index = SearchIndex()
    assert not bulk_add(index, items)
    assert not index.docs and index.vocabulary.words == ["\x00"]
    index.add_many(items)
    assert_same(index, one_by_one(items))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_all_at_once_is_the_index_one_by_one_gives(seed):
    items = records(600, seed)
    together = SearchIndex()
    assert bulk_add(together, items)
    assert_same(together, one_by_one(items))


def test_a_thank_you_draft_counts_only_for_words_found_nowhere_else_in_its_record():
    person = KINDS["interviewer"]
    items = [
        (
            ("interviewer", n),
            person,
            {"name": f"Ada {w}", "draft_subject": f"Thanks {w}", "draft_body": f"led {w} café"},
            None,
        )
        for n, w in enumerate(["migration", "led", "café", "plan"] * 50, start=1)
    ]
    items += [((kind, n + 1000), k, v, o) for (kind, n), k, v, o in records(200)]
    together = SearchIndex()
    assert bulk_add(together, items)
    assert 0.5 in together.boosts
    assert_same(together, one_by_one(items))


def test_a_large_workspace_is_built_at_once_and_answers_as_before():
    # three blocks digested at once: two on one thread, one on the other
    items = records(search_bulk.BLOCK * search_digests.DIGESTED * 2 + 300)
    assert len(items) >= BULK_MIN
    meaning = thesaurus()
    built = SearchIndex(meaning)
    assert bulk_add(built, items)  # not left to be added one by one
    assert_same(built, one_by_one(items, meaning))
    for query in ("migration", "led the", "cafe", "internationalisatio", "#x-ray", "kind:story le"):
        assert built.search(query) == one_by_one(items, meaning).search(query)


def test_a_shared_digest_leaves_the_index_to_be_built_one_by_one(monkeypatch):
    """A digest of only the first 8 bytes: "leadership" and "leadershop" share one. The
    second digest tells them apart, nothing is changed, and add_many builds one by one."""
    first, _, _, *others = search_digests._PRIMES
    monkeypatch.setattr(search_digests, "_PRIMES", (first, 0, 0, *others))
    story = KINDS["story"]
    rng = random.Random(5)
    plain = ["led", "team", "migration", "leadership", "leadershop", "café", "post-mortem"]
    items = [
        (("story", n), story, {"title": " ".join(rng.choices(plain, k=6))}, None)
        for n in range(1, BULK_MIN + 10)
    ]
    left_to_one_by_one(items)


def test_long_words_alike_in_every_digest_are_still_told_apart(monkeypatch):
    """Two words differing only past their first 24 bytes, whose rest has the same hash
    (made so here): both digests agree, and only their bytes tell them apart."""
    monkeypatch.setattr(search_digests, "hash", lambda rest: 0, raising=False)
    story = KINDS["story"]
    pair = ["internationalisationsmiths", "internationalisationsmithy"]
    items = [
        (("story", n), story, {"title": f"led {pair[n % 2]} team"}, None)
        for n in range(1, BULK_MIN + 10)
    ]
    left_to_one_by_one(items)


def test_weighted_fields_without_words_of_their_own():
    """A weighty field holding no word ("—"), and a draft whose words are all in the name:
    their weights are known, with no words under them, as one by one."""
    items = [
        (("requirement", 1), KINDS["requirement"], {"text": "—"}, None),
        (("interviewer", 1), KINDS["interviewer"], {"name": "Ada", "draft_subject": "ada"}, None),
    ]
    items += [((kind, n + 10), k, v, o) for (kind, n), k, v, o in records(30)]
    for part in (items[:1], items[1:2], items):
        together = SearchIndex()
        assert bulk_add(together, part)
        assert_same(together, one_by_one(part))


def test_an_index_that_held_records_is_not_built_at_once():
    """Emptied, it still numbers the words it knew: the next ones follow them."""
    items = records(40)
    index = SearchIndex()
    index.add(("story", 999), KINDS["story"], {"title": "Forgotten words"}, None)
    index.remove(("story", 999))
    assert not bulk_add(index, items)
    index.add_many(items)
    assert not index.holds("forgotten")
    assert not bulk_add(SearchIndex(), [])


def test_only_an_empty_index_is_built_at_once():
    items = records(50)
    index = SearchIndex()
    index.add(*items[0])
    assert not bulk_add(index, items[1:])
    assert len(index) == 1
    assert not bulk_add(SearchIndex(), items + items[:1])  # a record twice


def test_records_added_to_an_index_keep_its_look_up_lists_current_without_making_them_again(
    monkeypatch,
):
    """A kept index caught up at start-up adds its changed records to lists made already:
    made again, they cost some 0.1 s at 50,000 records. A whole workspace added at once
    (bulk_add) sets the words directly, so its lists are made then."""
    index = SearchIndex()
    index.add_many(records(BULK_MIN, 4))
    vocab = index.vocabulary
    assert vocab.prepared
    made: list[int] = []
    prepare = type(vocab).prepare
    monkeypatch.setattr(type(vocab), "prepare", lambda self: made.append(1) or prepare(self))
    added = records(300, 9)  # new words, and records of the same keys replaced
    index.add_many(added[:150])
    index.add_many(added[150:])
    assert made == []
    fresh = type(vocab)()
    fresh.words = vocab.words
    prepare(fresh)
    assert vocab._sorted == fresh._sorted
    assert vocab._by_length == fresh._by_length
    assert vocab._stems == fresh._stems


def test_an_index_set_aside_from_the_collector_is_freed_once_dropped():
    """The app sets a built index aside from the collector's walks (gc.freeze); an index
    made afresh after the file changed replaces it. Nothing in the index may refer back
    to itself, or the one replaced would stay in memory for good."""
    import gc
    import pickle
    import weakref

    index = SearchIndex()
    index.add_many(records(BULK_MIN, 6))
    index.add_many(records(20, 7))  # new words numbered through the vocabulary's ids
    gone = weakref.ref(index.vocabulary)
    enabled = gc.isenabled()
    gc.disable()
    try:
        gc.freeze()
        del index
        assert gone() is None
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
    # kept and read back (search_cache pickles it), its ids still number new words
    vocab = SearchIndex().vocabulary
    vocab.numbers(["alpha", "beta"])
    back = pickle.loads(pickle.dumps(vocab, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.numbers(["beta", "gamma"]) == [2, 3]
    assert back.words[-1] == "gamma" and back.ids["gamma"] == 3


@pytest.mark.parametrize(
    "trouble", ["re-org", "a\x00b", "a \x00 b", "a\x01b", " \x01 ", "a\x02b", "\x02" + "61", ""]
)
def test_one_record_with_text_to_escape_among_plain_ones(trouble):
    """A block of records is made as one text when none of them holds what must be escaped
    (a hyphen, ESCAPE, or the SEPARATOR that ends a field: caught once its text is digested);
    one that does makes its text be made again record by record. Records end with their last
    field, so one without fields and one holding "\x01" (once a record's end) are plain."""
    rng = random.Random(5)
    story = KINDS["story"]
    plain = ["team", "migration", "café", "q3", "deadline", "東京"]
    items: list = [
        (
            ("story", n + 1),
            story,
            {"title": " ".join(rng.sample(plain, 3)), "action": " ".join(rng.sample(plain, 4))},
            None,
        )
        for n in range(BULK_MIN + 20)
    ]
    items[300] = (("story", 301), story, {"title": "plain words", "action": trouble}, None)
    items[301] = (("story", 302), story, {}, None)  # no field at all
    last = len(items)  # in the last text too, which is shorter than the others
    items[-1] = (("story", last), story, {"title": trouble, "action": "plain words"}, None)
    together = SearchIndex()
    assert bulk_add(together, items)
    assert_same(together, one_by_one(items))


def test_postings_that_fail_leave_the_index_untouched(monkeypatch):
    """The postings are made on a thread of their own: what fails there reaches the caller,
    and the index is left as it was."""

    def fail(self, records):
        raise MemoryError("no room for the postings")

    monkeypatch.setattr(search_digests.Words, "postings", fail)
    index = SearchIndex()
    with pytest.raises(MemoryError, match="no room"):
        bulk_add(index, records(BULK_MIN + 10))
    assert not index.docs and index.vocabulary.words == ["\x00"]
    assert index.vocabulary.postings == [array("I")] and not index.boosts


def test_what_failed_beside_holds_nothing_once_handled(monkeypatch):
    """An error on the postings' thread reaches the caller with nothing of the half-made
    index held in a cycle: add_many sets what is left aside from the collector's walks
    (gc.freeze) even when building fails, so only a failure free of cycles lets it go.
    The collector is held off here as that does."""
    import gc
    import weakref

    seen: list = []

    def fail(self, records):
        seen.append(weakref.ref(self))
        raise MemoryError("no room for the postings")

    monkeypatch.setattr(search_digests.Words, "postings", fail)
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            SearchIndex().add_many(records(BULK_MIN + 10))
        except MemoryError:
            pass
        else:
            raise AssertionError("the failure was not raised")
        assert seen and seen[0]() is None
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def test_digests_that_fall_on_one_slot_go_round_again_until_each_has_its_group(monkeypatch):
    """A table of four slots for 40 different digests: most lose their slot to another in
    each round, and only the rounds after tell them apart. Alike digests share a group,
    different ones never do, and the groups are numbered 0, 1, 2, ... with none missing."""
    import numpy as np

    monkeypatch.setattr(search_digests, "TABLE_BITS", 2)
    rng = np.random.default_rng(4)
    distinct = rng.integers(0, 2**63, 40, dtype=np.uint64) * np.uint64(2)
    blocks = [distinct[rng.integers(0, 40, size)] for size in (300, 1, 0, 77)]
    groups, _ = search_digests._groups([block.copy() for block in blocks])
    digests = np.concatenate(blocks)
    found = np.concatenate(groups)
    assert [len(g) for g in groups] == [300, 1, 0, 77]
    pairs = set(zip(digests.tolist(), found.tolist(), strict=True))
    assert len(pairs) == len(set(digests.tolist())) == len(set(found.tolist()))
    assert sorted(set(found.tolist())) == list(range(len(pairs)))


def test_a_build_whose_words_crowd_the_table_is_the_index_one_by_one_gives(monkeypatch):
    """Words told apart over many rounds (a table of eight slots) are numbered as adding the
    records one by one numbers them."""
    monkeypatch.setattr(search_digests, "TABLE_BITS", 3)
    items = records(BULK_MIN + 50, seed=8)
    together = SearchIndex()
    assert bulk_add(together, items)
    assert_same(together, one_by_one(items))


@pytest.mark.parametrize("words", [300, 70_000])
def test_places_in_order_of_their_word_keep_the_order_of_the_text(words):
    """With more than 65,536 words the numbers are sorted 16 bits at a time: the order is
    still each word's places in the order of the text."""
    import numpy as np

    numbers = np.random.default_rng(2).integers(0, words, 200_000).astype(np.int32)
    numbers[:2] = words - 1  # the highest number there
    order = search_digests._by_number(numbers, words)
    assert np.array_equal(order, np.argsort(numbers, kind="stable"))


def test_texts_are_digested_as_they_come_and_given_back_in_that_order():
    """The thread digests the texts given; what it has not taken when all are given is
    digested by the caller. Either way each block is its text's, in the order given."""
    import threading

    texts = [f"word{n} other{n} \x00 ".encode() * (n + 1) for n in range(6)]
    paused: list[str] = []
    digesting = search_digests.Digesting(lambda: paused.append(threading.current_thread().name))
    for text in texts:
        digesting.add(text)
    blocks = digesting.blocks()
    assert [block.text for block in blocks] == texts
    assert [block.count for block in blocks] == [3 * (n + 1) for n in range(6)]
    assert set(paused) <= {"index-arrays"}  # the thread pauses; the caller does not


def test_reading_that_fails_stops_the_digesting_thread(monkeypatch):
    """What fails while the records are read reaches the caller, the index untouched, and
    the thread digesting the texts read so far ends rather than going on."""
    import threading

    calls = []

    def pause() -> None:
        calls.append(1)
        if len(calls) == 12:
            raise KeyboardInterrupt

    index = SearchIndex()
    with pytest.raises(KeyboardInterrupt):
        bulk_add(index, records(search_bulk.BLOCK * search_digests.DIGESTED * 4), pause)
    assert not index.docs and index.vocabulary.words == ["\x00"]
    assert not [t for t in threading.enumerate() if t.name == "index-arrays"]


def test_a_large_workspace_with_no_words_at_all_is_built_at_once():
    """Records whose searched fields are all empty: no word, not even a field's end. The
    index is the one adding them one by one gives (it holds the records, and no word)."""
    story = KINDS["story"]
    items = [(("story", n), story, {}, None) for n in range(1, BULK_MIN + 1)]
    together = SearchIndex()
    assert bulk_add(together, items)
    assert_same(together, one_by_one(items))
