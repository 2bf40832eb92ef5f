"""Use cases of the job fair that change state, one module per topic (pretix's services/).

Each function validates, changes the database in one transaction and raises a named error
(`TalentError` and its kinds, in talent/errors.py) with a translated message; a refused
request changes nothing. The use cases the views call are listed here, so that a view reads
`services.apply(...)`; interview booking (`booking`), the fair's stable assignment
(`assignment`), the graduate's data export and deletion (`privacy`) and new passwords
(`passwords`) are imported as modules.
"""

from ..errors import TalentError
from .accounts import (
    check_new_account,
    decide_recruiter,
    enterprise_by_credit_code,
    register_graduate,
    request_recruiter_account,
    resend_confirmation,
    sign_up_graduate,
    sign_up_recruiter,
)
from .applications import (
    CLOSED,
    ENTERPRISE_MOVES,
    FINISHED,
    GRADUATE_MOVES,
    TAKING_PART,
    allowed_moves_for,
    apply,
    bulk_change_status,
    change_status,
    mark_reviewed,
    move_applicants,
)
from .confirmation import confirm_email, email_confirmed
from .profiles import MAX_CV_BYTES, check_cv, save_profile, store_cv
from .rankings import check_rankings_open, rank_applicants, rank_my_applications
from .searches import delete_saved_search, my_saved_search, open_saved_search, save_search
from .vacancies import save_vacancy, vacancy_of_enterprise, vacancy_problems

__all__ = [
    "CLOSED",
    "ENTERPRISE_MOVES",
    "FINISHED",
    "GRADUATE_MOVES",
    "MAX_CV_BYTES",
    "TAKING_PART",
    "TalentError",
    "allowed_moves_for",
    "apply",
    "bulk_change_status",
    "change_status",
    "check_cv",
    "check_new_account",
    "check_rankings_open",
    "confirm_email",
    "decide_recruiter",
    "delete_saved_search",
    "email_confirmed",
    "enterprise_by_credit_code",
    "mark_reviewed",
    "move_applicants",
    "my_saved_search",
    "open_saved_search",
    "rank_applicants",
    "rank_my_applications",
    "register_graduate",
    "request_recruiter_account",
    "resend_confirmation",
    "save_profile",
    "save_search",
    "save_vacancy",
    "sign_up_graduate",
    "sign_up_recruiter",
    "store_cv",
    "vacancy_of_enterprise",
    "vacancy_problems",
]
