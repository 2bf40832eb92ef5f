"""The unified social credit code's check character (GB 32100-2015)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twincity.directory.credit_code import ALPHABET, check_character, credit_code_problem

BODIES = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", ["914403001922038216", "91110000802100433B"])
def test_published_codes_of_real_companies_are_valid(code):
    assert credit_code_problem(code) is None


@given(BODIES)
def test_a_code_with_its_check_character_is_valid(body):
    assert credit_code_problem(body + check_character(body)) is None


@given(BODIES, st.integers(0, 16), st.sampled_from(ALPHABET))
def test_any_single_mistyped_character_is_caught(body, position, replacement):
    code = body + check_character(body)
    if replacement == code[position]:
        return
    mistyped = code[:position] + replacement + code[position + 1 :]
    assert credit_code_problem(mistyped) is not None


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91440300192203821", "18 characters"),
        ("91440300192203821I", "never uses: I"),
        ("914403001922038217", "check"),
    ],
)
def test_problems_are_named(code, words):
    assert words in credit_code_problem(code)


def test_the_form_error_is_translated():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from twincity.directory.validators import validate_credit_code

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_credit_code("914403001922038217")
    assert "校验位" in error.value.messages[0]
