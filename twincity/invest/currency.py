"""Amounts in yuan, and the same amounts in an investor's currency, from one dated table.

The rates are written here, never fetched while a page is served: the site works offline and
in mainland China, and a page shows the date of the rates it used. The visitor picks a
currency with `?currency=USD`, part of the address, so the page cache keeps one copy per
currency. Amounts are shown rounded for orientation, as investment portals do (约 ≈).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from twincity.core.localisation import is_chinese

# Yuan per unit of each currency: reference rates (middle rates, rounded) of the day below.
# Update the table and the date together.
RATES_DATE = date(2025, 12, 1)
RATES: dict[str, Decimal] = {
    "USD": Decimal("7.07"),
    "EUR": Decimal("8.21"),
    "GBP": Decimal("9.35"),
    "JPY": Decimal("0.0455"),
    "HKD": Decimal("0.909"),
    "SGD": Decimal("5.45"),
}
CURRENCY_NAMES = {
    "USD": _("US dollars"),
    "EUR": _("Euros"),
    "GBP": _("Pounds sterling"),
    "JPY": _("Japanese yen"),
    "HKD": _("Hong Kong dollars"),
    "SGD": _("Singapore dollars"),
}
# Chinese pages name the currency after the number, as Chinese writes it: 约1.7亿美元.
CHINESE_UNITS = {
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "HKD": "港元",
    "SGD": "新加坡元",
}
SYMBOLS = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$", "SGD": "S$"}
DEFAULT_CURRENCY = "USD"

MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)
WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def known_currency(code: str | None) -> str:
    """The currency asked for if the table has it, else the default: an unknown code in an
    old link shows dollars rather than an error."""
    code = (code or "").strip().upper()
    return code if code in RATES else DEFAULT_CURRENCY


def currency_choices() -> list[tuple[str, str]]:
    """The currencies to pick from: "USD · US dollars"; on Chinese pages the name alone."""
    if is_chinese():
        return [(code, str(CURRENCY_NAMES[code])) for code in RATES]
    return [(code, f"{code} · {CURRENCY_NAMES[code]}") for code in RATES]


def convert(yuan: Decimal | int, currency: str) -> Decimal:
    return Decimal(yuan) / RATES[currency]


def _short(number: Decimal) -> str:
    """Three significant figures at most, without trailing zeros: 1.25, 12.5, 125."""
    if number >= 100:
        text = str(number.quantize(Decimal(1), ROUND_HALF_UP))
    elif number >= 10:
        text = str(number.quantize(Decimal("0.1"), ROUND_HALF_UP))
    else:
        text = str(number.quantize(Decimal("0.01"), ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_amount(amount: Decimal | int, symbol: str, chinese: bool) -> str:
    """An amount in words a reader takes in at once: 1.2 billion, 8.5亿."""
    amount = Decimal(amount)
    if chinese:
        if amount >= YI:
            return f"{symbol}{_short(amount / YI)}亿"
        if amount >= WAN:
            return f"{symbol}{_short(amount / WAN)}万"
        return f"{symbol}{amount:,.0f}"
    if amount >= BILLION:
        return f"{symbol}{_short(amount / BILLION)} billion"
    if amount >= MILLION:
        return f"{symbol}{_short(amount / MILLION)} million"
    return f"{symbol}{amount:,.0f}"


def format_yuan(yuan: Decimal | int | None, language: str | None = None) -> str:
    """¥850 million on English pages, 8.5亿元 on Chinese ones; "" for no amount."""
    if yuan is None:
        return ""
    if is_chinese(language):
        return format_amount(yuan, "", chinese=True) + "元"
    return format_amount(yuan, "¥", chinese=False)


def format_in_currency(
    yuan: Decimal | int | None, currency: str, language: str | None = None
) -> str:
    """The amount in the investor's currency, marked as approximate: ≈ US$120 million."""
    if yuan is None:
        return ""
    currency = known_currency(currency)
    converted = convert(yuan, currency)
    if is_chinese(language):
        return f"约{format_amount(converted, '', chinese=True)}{CHINESE_UNITS[currency]}"
    return f"≈ {format_amount(converted, SYMBOLS[currency], chinese=False)}"


@dataclass(frozen=True)
class CurrencyChoice:
    """What a page shows of the visitor's currency: its code, name, the rates' date."""

    code: str
    name: str
    rates_date: date = RATES_DATE


def chosen_currency(request) -> CurrencyChoice:
    code = known_currency(request.GET.get("currency"))
    return CurrencyChoice(code, str(CURRENCY_NAMES[code]))
