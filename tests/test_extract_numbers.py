"""Property tests: numbers written in Chinese and mixed forms parse back to their value."""
from hypothesis import given, settings, strategies as st

from service.extract.amounts import find_amounts
from service.extract.numbers import parse_number, to_chinese

ints = st.integers(min_value=1, max_value=999_999_999)


@given(ints)
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == (n, False)


@given(ints)
def test_liang_round_trip(n):
    assert parse_number(to_chinese(n, liang=True))[0] == n


@given(ints)
def test_daxie_round_trip(n):
    # 大写: 壹贰叁肆伍陆柒捌玖拾佰仟
    assert parse_number(to_chinese(n, daxie=True))[0] == n


@given(ints)
def test_arabic_with_thousands_commas(n):
    assert parse_number(f"{n:,}")[0] == n
    assert parse_number(str(n))[0] == n


@given(st.integers(min_value=1, max_value=99_999))
def test_decimal_wan_and_w(tenths):
    a = tenths / 10
    text = f"{a:g}"
    assert parse_number(text + "万")[0] == round(tenths * 1000)
    assert parse_number(text + "w")[0] == round(tenths * 1000)
    assert parse_number(text + "W")[0] == round(tenths * 1000)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_elided_wan(q, r):
    # 一万二 = 12000, 1万1 = 11000: a single digit after the last unit counts in tenths of it
    expect = q * 10_000 + r * 1_000
    assert parse_number(f"{to_chinese(q)}万{to_chinese(r)}")[0] == expect
    assert parse_number(f"{q}万{r}")[0] == expect


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_elided_qian_and_bai(q, r):
    assert parse_number(to_chinese(q, liang=True) + "千" + to_chinese(r))[0] == q * 1000 + r * 100
    assert parse_number(to_chinese(q) + "百" + to_chinese(r))[0] == q * 100 + r * 10


@given(st.integers(min_value=1, max_value=9999))
def test_approx_suffix_takes_the_lower_bound(n):
    for suffix in ("多", "余"):
        v, approx = parse_number(to_chinese(n) + "万" + suffix)
        assert (v, approx) == (n * 10_000, True)


@given(st.integers(min_value=1, max_value=8))
def test_neighbour_ranges_take_the_lower(d):
    cn = "一二三四五六七八九"
    v, approx = parse_number(cn[d - 1] + cn[d] + "千")
    assert (v, approx) == (d * 1000, True)


@settings(max_examples=60)
@given(ints)
def test_amount_in_a_sentence_with_yuan(n):
    for written in (to_chinese(n), f"{n:,}", str(n)):
        text = f"老板拖欠我们工资共计{written}元，至今未付。"
        found = find_amounts(text)
        assert len(found) == 1, (text, found)
        a = found[0]
        assert a.value == n and text[a.start:a.end] == written + "元"


def test_examples_from_the_issue():
    cases = {"3万多": (30000, True), "一万二": (12000, False), "一万两千五": (12500, False), "8千": (8000, False),
             "1.5w": (15000, False), "1.5万": (15000, False), "叁万": (30000, False), "83万余": (830000, True),
             "两千五": (2500, False), "2,500": (2500, False), "十几万": (100000, True), "三四千": (3000, True),
             "几千": (2000, True), "几十": (20, True), "七八十": (70, True), "一百二十多": (120, True),
             "叁万壹仟贰佰": (31200, False), "二十四万六千": (246000, False), "三万七千五": (37500, False)}
    for s, want in cases.items():
        assert parse_number(s) == want, s
