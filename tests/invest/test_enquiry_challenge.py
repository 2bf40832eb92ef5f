"""The self-hosted proof of work and the question for browsers without JavaScript."""

import json
import time

import pytest

from twincity.invest import challenge
from twincity.invest.challenge import ChallengeFailed


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.TWINCITY_RATE_LIMIT_CACHE = "default"


def small() -> challenge.Challenge:
    return challenge.issue(max_number=2000)


def test_a_solved_challenge_passes_once():
    answer = challenge.solve(small())

    challenge.verify_solution(answer)
    with pytest.raises(ChallengeFailed, match="used already"):
        challenge.verify_solution(answer)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda a: {**a, "number": a["number"] + 1}, "wrong number"),
        (lambda a: {**a, "signature": "0" * 64}, "forged"),
        (lambda a: {**a, "salt": a["salt"].replace("expires=", "expires=9")}, "wrong number"),
        (lambda a: {k: v for k, v in a.items() if k != "salt"}, "not an answer"),
    ],
)
def test_a_changed_answer_fails(change, why):
    answer = json.loads(challenge.solve(small()))

    with pytest.raises(ChallengeFailed, match=why):
        challenge.verify_solution(json.dumps(change(answer)))


def test_an_expired_challenge_fails():
    issued = challenge.issue(now=time.time() - challenge.LIFETIME_SECONDS - 1, max_number=2000)

    with pytest.raises(ChallengeFailed, match="expired"):
        challenge.verify_solution(challenge.solve(issued))


def test_not_json_fails():
    with pytest.raises(ChallengeFailed):
        challenge.verify_solution("{not json")


def test_the_question_is_answered_in_digits_once():
    question = challenge.ask()
    right = str(question.first + question.second)

    with pytest.raises(ChallengeFailed):
        challenge.verify_answer(question.token, str(int(right) + 1))
    with pytest.raises(ChallengeFailed):
        challenge.verify_answer(question.token + "x", right)
    challenge.verify_answer(question.token, f" {right} ")
    with pytest.raises(ChallengeFailed, match="used already"):
        challenge.verify_answer(question.token, right)
    assert challenge.question_from(question.token) == question
