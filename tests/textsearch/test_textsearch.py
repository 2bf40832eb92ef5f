"""Chinese word segmentation and passage highlighting (no database)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from twincity.textsearch.highlight import highlighted_passage
from twincity.textsearch.segment import (
    DICTIONARY_PATH,
    query_terms,
    segment_for_autocomplete,
    segment_for_index,
)

REGION_NAMES = [
    line.split()[0]
    for line in DICTIONARY_PATH.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
FILLER = ["的", "在", "和", "举行", "活动", "我们", "游客", "合作", "今天", "，", "。", "、"]


def test_region_names_are_kept_whole_in_the_index():
    indexed = segment_for_index("洪崖洞与宽窄巷子签署合作协议。").split()
    assert "洪崖洞" in indexed
    assert "宽窄巷子" in indexed


def test_a_compound_split_by_context_is_still_found():
    # In this sentence the segmenter cuts 职业 | 教育; a query for 职业教育 must still match.
    indexed = set(segment_for_index("商贸物流职业教育集团成立").split())
    assert set(query_terms("职业教育")) <= indexed


def test_english_and_punctuation():
    assert query_terms("Kuanzhai Alleys!!") == ("kuanzhai", "alley")
    assert query_terms("？？…！") == ()
    assert query_terms("SF Express 物流") == ("sf", "express", "物流")


def test_english_words_are_stemmed_alike_in_the_index_and_the_query():
    """SQLite's FTS5 does not stem, PostgreSQL's english configuration does: we stem both."""
    indexed = set(segment_for_index("Two food festivals and a job fair open in Chengdu").split())
    for query in ("festival", "Festivals", "fairs", "fair", "opening"):
        assert set(query_terms(query)) <= indexed, query
    # A Latin word inside Chinese text is stemmed too.
    assert "festiv" in segment_for_index("成都Festivals开幕").split()


def test_autocomplete_keeps_words_as_written():
    """Prefixes: "Chongqi" must still complete to Chongqing, whose stem is "chongq"."""
    assert segment_for_autocomplete("Chongqing festivals 洪崖洞").split()[:2] == [
        "Chongqing",
        "festivals",
    ]
    assert query_terms("Chongqi", stemmed=False) == ("Chongqi",)


def test_passage_marks_every_form_of_an_english_word():
    passage = highlighted_passage("One festival, two Festivals, a feast.", "festivals")
    assert passage == "One <mark>festival</mark>, two <mark>Festivals</mark>, a feast."


def test_passage_decodes_entities_of_rich_text_once():
    from twincity.textsearch.text import html_to_text

    text = html_to_text("<p>&quot;A good start,&quot; she said. Chengdu&#x27;s booth</p>")
    assert text == '"A good start," she said. Chengdu\'s booth'
    passage = highlighted_passage(text, "booth")
    assert passage == "&quot;A good start,&quot; she said. Chengdu&#x27;s <mark>booth</mark>"


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(st.sampled_from(FILLER), max_size=6),
    name=st.sampled_from(REGION_NAMES),
    after=st.lists(st.sampled_from(FILLER), max_size=6),
)
def test_every_region_name_is_found_in_any_sentence(before, name, after):
    """Recall: whatever surrounds a dictionary name, the words its query asks for are indexed."""
    text = "".join(before) + name + "".join(after)
    assert set(query_terms(name)) <= set(segment_for_index(text).split())


def test_passage_marks_terms_and_escapes_html():
    text = (
        "Intro <b>bold</b>. " + "x " * 100 + "Hongyadong and Kuanzhai Alleys signed an agreement."
    )
    passage = highlighted_passage(text, "Kuanzhai")
    assert "<mark>Kuanzhai</mark>" in passage
    assert "<b>" not in passage
    assert passage.startswith("…")


def test_passage_marks_chinese_names_whole():
    passage = highlighted_passage("两地景区宽窄巷子与洪崖洞将互相推广。", "宽窄巷子")
    assert "<mark>宽窄巷子</mark>" in passage
