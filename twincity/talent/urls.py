"""The job fair's pages, mounted under the language prefix (/en/…, /zh-hans/…).

Names are in the `talent` namespace: {% url 'talent:apply' vacancy.pk %}.
"""

from django.urls import path

from .views import accounts, graduate, organiser, public, recruiter

app_name = "talent"

urlpatterns = [
    # accounts
    path("accounts/", accounts.account_home, name="account-home"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path("accounts/register/", accounts.register_graduate, name="register-graduate"),
    path("accounts/register/recruiter/", accounts.register_recruiter, name="register-recruiter"),
    path("accounts/check-your-email/", accounts.check_email, name="check-email"),
    path("accounts/confirm/<str:key>/", accounts.confirm_email, name="confirm-email"),
    path("accounts/confirm-again/", accounts.resend_confirmation, name="resend-confirmation"),
    path("accounts/password-reset/", accounts.password_reset, name="password-reset"),
    path("accounts/password-reset/sent/", accounts.password_reset_sent, name="password-reset-sent"),
    path(
        "accounts/password-reset/done/",
        accounts.password_reset_complete,
        name="password-reset-complete",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        accounts.NewPasswordView.as_view(),
        name="password-reset-confirm",
    ),
    # public
    path("jobs/", public.job_search, name="job-search"),
    path("jobs/saved/", public.save_search, name="save-search"),
    path("jobs/<int:pk>/", public.vacancy_detail, name="vacancy"),
    path("jobs/fairs/", public.fair_list, name="fair-list"),
    path("jobs/fairs/<int:pk>/", public.fair_detail, name="fair"),
    # graduate
    path("me/", graduate.my_applications, name="my-applications"),
    path("me/profile/", graduate.my_profile, name="my-profile"),
    path("me/cv/", graduate.my_cv, name="my-cv"),
    path("me/apply/<int:vacancy_pk>/", graduate.apply, name="apply"),
    path(
        "me/applications/<int:pk>/status/", graduate.application_status, name="application-status"
    ),
    path("me/slots/<int:slot_pk>/book/", graduate.book_slot, name="book-slot"),
    path("me/bookings/<int:pk>/cancel/", graduate.cancel_booking, name="cancel-booking"),
    path("me/fairs/<int:fair_pk>/ranking/", graduate.my_ranking, name="my-ranking"),
    path("me/searches/", graduate.my_searches, name="my-searches"),
    path("me/searches/<int:pk>/", graduate.open_search, name="open-search"),
    path("me/searches/<int:pk>/delete/", graduate.delete_search, name="delete-search"),
    path("me/data/", graduate.my_data, name="my-data"),
    path("me/delete/", graduate.delete_account, name="delete-account"),
    # recruiter
    path("employer/", recruiter.employer_home, name="employer-home"),
    path("employer/vacancies/new/", recruiter.vacancy_new, name="vacancy-new"),
    path("employer/vacancies/<int:pk>/", recruiter.vacancy_edit, name="vacancy-edit"),
    path("employer/vacancies/<int:pk>/candidates/", recruiter.candidates, name="candidates"),
    path("employer/vacancies/<int:pk>/ranking/", recruiter.vacancy_ranking, name="vacancy-ranking"),
    path("employer/applicants/", recruiter.applicants, name="applicants"),
    path("employer/applicants/<int:pk>/", recruiter.applicant, name="applicant"),
    path("employer/applicants/<int:pk>/cv/", recruiter.applicant_cv, name="applicant-cv"),
    path("employer/graduates/<int:pk>/", recruiter.graduate_profile, name="graduate-profile"),
    path("employer/fairs/<int:pk>/", recruiter.employer_slots, name="employer-slots"),
    path("employer/data/", recruiter.recruiter_data, name="recruiter-data"),
    path("employer/delete/", recruiter.recruiter_delete_account, name="recruiter-delete-account"),
    # organiser
    path("organiser/", organiser.dashboard, name="organiser-dashboard"),
    path("organiser/fairs/<int:pk>/", organiser.fair_dashboard, name="organiser-fair"),
    path("organiser/export/", organiser.export, name="organiser-export"),
    path("organiser/fairs/<int:pk>/assignment/", organiser.assignment_page, name="assignment"),
    path(
        "organiser/assignment/<int:pk>/publish/",
        organiser.publish_assignment,
        name="publish-assignment",
    ),
    path("organiser/recruiters/", organiser.recruiter_approvals, name="recruiter-approvals"),
]
