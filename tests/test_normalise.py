from hypothesis import given, strategies as st

from service.normalise import normalise


def test_traditional_becomes_simplified_in_place():
    n = normalise("我們在工地幹了三個月，老闆一分錢沒給")
    assert n.text == "我们在工地干了三个月,老板一分钱没给"
    assert n.span(5, 7) == "幹了"


def test_full_width_and_ideographic_space():
    assert normalise("ＡＢＣ１２３　工资").text == "ABC123 工资"


def test_control_format_and_surrogate_characters_become_spaces():
    n = normalise("欠\x00薪\u200b了\ud800！\n\t")
    assert n.text == "欠 薪 了 !  "


def test_emoji_and_mixed_scripts_survive():
    assert normalise("老板跑路了😡 boss ran").text == "老板跑路了😡 boss ran"


@given(st.text(max_size=300))
def test_length_is_always_preserved(text):
    assert len(normalise(text).text) == len(text)


def test_a_simplified_form_outside_the_basic_plane_is_not_taken():
    # OpenCC maps the Cantonese 嗰 to 𠮶 (U+20BB6); the extraction rules and the tokenizers read 嗰
    n = normalise("入咗江门嗰间骏丰电子")
    assert n.text == "入咗江门嗰间骏丰电子" and len(n.text) == len(n.original)
