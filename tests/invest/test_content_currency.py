"""Amounts in yuan and in the investor's currency, from the dated table (no network)."""

from decimal import Decimal

import pytest

from twincity.invest import currency


@pytest.mark.parametrize(
    ("yuan", "english", "chinese"),
    [
        (850_000_000, "¥850 million", "8.5亿元"),
        (1_200_000_000, "¥1.2 billion", "12亿元"),
        (12_500_000, "¥12.5 million", "1250万元"),
        (5_000, "¥5,000", "5,000元"),
    ],
)
def test_yuan_in_words_of_each_language(yuan, english, chinese):
    assert currency.format_yuan(yuan, "en") == english
    assert currency.format_yuan(yuan, "zh-hans") == chinese


def test_conversion_uses_the_table_and_marks_the_result_approximate():
    yuan = currency.RATES["USD"] * 100_000_000
    assert currency.format_in_currency(yuan, "USD", "en") == "≈ US$100 million"
    assert currency.format_in_currency(yuan, "usd", "zh-hans") == "约1亿美元"


@pytest.mark.parametrize("code", ["", None, "XXX", "usd ", "\x00"])
def test_unknown_currency_falls_back_to_dollars(code):
    assert currency.known_currency(code) == "USD"


def test_every_currency_has_a_name_and_a_symbol_and_the_table_a_date():
    assert set(currency.RATES) == set(currency.CURRENCY_NAMES) == set(currency.SYMBOLS)
    assert {"USD", "EUR", "GBP", "JPY", "HKD", "SGD"} <= set(currency.RATES)
    assert all(rate > 0 for rate in currency.RATES.values())
    assert currency.RATES_DATE.year >= 2025


def test_no_amount_shows_nothing():
    assert currency.format_yuan(None) == "" and currency.format_in_currency(None, "EUR") == ""


def test_rounding_keeps_three_figures():
    assert currency.format_amount(Decimal("1234567890"), "$", chinese=False) == "$1.23 billion"
