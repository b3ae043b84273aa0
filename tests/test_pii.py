from hypothesis import given, strategies as st

from service.pii import mask_pii, mask_result


def test_phone_id_card_and_landline_are_masked():
    text = "电话13812345678，身份证11010519491231002X，卡号6222 0212 3456 7890 123，座机0571-88886666"
    masked = mask_pii(text)
    for secret in ("13812345678", "11010519491231002X", "6222 0212 3456 7890 123", "88886666", "12345678", "1949123100"):
        assert secret not in masked
    assert masked.startswith("电话138******78")


def test_amounts_and_dates_stay_readable():
    assert mask_pii("欠83万元，820000元，2023年10月") == "欠83万元，820000元，2023年10月"


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.text(alphabet="欠工资元，。", max_size=10))
def test_no_mobile_number_survives(phone, around):
    assert phone not in mask_pii(around + phone + around)


def test_mask_result_masks_span_texts_not_numbers():
    r = {"entities": {"contacts": [{"text": "13812345678", "start": 0, "end": 11}], "owed_total": 12345678}}
    m = mask_result(r)
    assert m["entities"]["contacts"][0]["text"] == "138******78"
    assert m["entities"]["owed_total"] == 12345678


_CN = str.maketrans("0123456789", "零一二三四五六七八九")


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_mobile_spelt_in_characters_is_masked(phone):
    spelt = phone.translate(_CN)
    masked = mask_pii(f"他电话是{spelt}，欠我三四千块，一万二")
    assert spelt not in masked
    assert masked.endswith("，欠我三四千块，一万二")       # amounts written in characters stay
