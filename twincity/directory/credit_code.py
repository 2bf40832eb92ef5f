"""China's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose
last one is a check character over the first 17, from an alphabet of 31 (no I, O, S, V, Z)."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(body: str) -> str:
    """The 18th character for the first 17."""
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem_kind(code: str) -> str | None:
    """ "length", "characters" or "check" for an invalid code; None for a valid one."""
    if len(code) != LENGTH:
        return "length"
    if any(char not in ALPHABET for char in code):
        return "characters"
    if check_character(code[:-1]) != code[-1]:
        return "check"
    return None


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code, in plain words; None if it is."""
    kind = problem_kind(code)
    if kind == "length":
        return f"must have {LENGTH} characters, not {len(code)}"
    if kind == "characters":
        wrong = sorted({char for char in code if char not in ALPHABET})
        return f"contains characters a credit code never uses: {' '.join(wrong)}"
    if kind == "check":
        return "the check character (the last one) does not match: a character was mistyped"
    return None
