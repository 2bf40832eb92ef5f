"""Job fairs and what happens at them: recruiters, vacancies, graduates, applications, interviews.

Transactional data, so plain Django models; every change goes through `services.py`, which
keeps the rules (who may do what, the application pipeline, no double booking).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from twincity.core.cities import City, city_choices
from twincity.directory.models import Organisation
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index

from .storage import application_cv_file_name, cv_file_name, cv_storage


class Education(models.IntegerChoices):
    # The same levels, in the same order, as matching.scoring.Education.
    SECONDARY_VOCATIONAL = 1, _("Secondary vocational")
    HIGHER_VOCATIONAL = 2, _("Higher vocational (associate)")
    BACHELOR = 3, _("Bachelor")
    MASTER = 4, _("Master")
    DOCTORATE = 5, _("Doctorate")


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    LOGISTICS = "logistics", _("Logistics")
    SERVICES = "services", _("Services")
    RETAIL = "retail", _("Retail and e-commerce")
    HOSPITALITY = "hospitality", _("Hospitality and tourism")
    IT = "it", _("Information technology")
    CONSTRUCTION = "construction", _("Construction")
    HEALTH = "health", _("Health care")
    FINANCE = "finance", _("Finance")
    OTHER = "other", _("Other")


class Recruiter(models.Model):
    """A person who recruits for one enterprise; staff approve them before they can post."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recruiter"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recruiters"
    )
    full_name = models.CharField(_("full name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recruiter")
        verbose_name_plural = _("recruiters")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation.name_en})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Fair(models.Model):
    """A dated job fair, on site in one city or online, shared by organisers of both cities."""

    shown_on_public_pages = True

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.ON_SITE)
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.OTHER), blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    booking_closes_at = models.DateTimeField(
        _("interview booking closes at"),
        help_text=_("Graduates book and cancel interview slots until then."),
    )
    min_gap_minutes = models.PositiveSmallIntegerField(
        _("minimum minutes between a graduate's interviews"), default=10
    )
    organisers = models.ManyToManyField(
        Organisation, related_name="organised_fairs", blank=True, verbose_name=_("organisers")
    )
    enterprises = models.ManyToManyField(
        Organisation,
        through="Booth",
        related_name="fairs",
        blank=True,
        verbose_name=_("participating enterprises"),
    )

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="fair_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(mode="online") | ~Q(city=""), name="fair_on_site_has_city"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en


class Booth(models.Model):
    """An enterprise's place at a fair; its number is unique within the fair."""

    shown_on_public_pages = True

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="booths")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="booths")
    number = models.CharField(_("booth number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "organisation"], name="booth_one_per_enterprise"
            ),
            models.UniqueConstraint(
                fields=["fair", "number"], condition=~Q(number=""), name="booth_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.organisation.name_en}"


class Vacancy(index.Indexed, models.Model):
    shown_on_public_pages = True

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="vacancies"
    )
    fair = models.ForeignKey(
        Fair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("job fair"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    city = models.CharField(_("city"), max_length=20, choices=city_choices(City.OTHER))
    district = models.CharField(_("district"), max_length=100, blank=True)
    salary_min = models.PositiveIntegerField(_("monthly salary from (CNY)"))
    salary_max = models.PositiveIntegerField(_("monthly salary to (CNY)"))
    headcount = models.PositiveIntegerField(_("openings"), default=1)
    education = models.PositiveSmallIntegerField(
        _("minimum education"), choices=Education.choices, default=Education.SECONDARY_VOCATIONAL
    )
    majors = models.JSONField(_("majors"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)
    deadline = models.DateField(_("application deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    is_demo = models.BooleanField(default=False, editable=False)

    # The site search finds a vacancy by its title, text or enterprise in either script;
    # visitors see only open ones (the search asks jobsearch.open_vacancies()). Chinese is
    # cut into words (twincity.textsearch.segment).
    search_fields = [
        index.SearchField("search_titles", boost=4),
        index.SearchField("search_text"),
        index.AutocompleteField("autocomplete_titles"),
        index.FilterField("status"),
        index.FilterField("deadline"),
        index.FilterField("organisation"),
    ]

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "city", "industry"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_max__gte=F("salary_min")), name="vacancy_salary_range"
            ),
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="vacancy_headcount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(title_en="") | ~Q(title_zh=""), name="vacancy_has_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_zh

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("organisation")

    def search_titles(self) -> str:
        return segment_for_index(f"{self.title_en} {self.title_zh}")

    def autocomplete_titles(self) -> str:
        return segment_for_autocomplete(f"{self.title_en} {self.title_zh}")

    def search_text(self) -> str:
        organisation = self.organisation
        return segment_for_index(
            f"{self.description_en} {self.description_zh} "
            f"{organisation.name_en} {organisation.name_zh}"
        )

    def takes_applications(self, today) -> bool:
        """The one-vacancy form of jobsearch.open_vacancies()."""
        return self.status == self.Status.OPEN and self.deadline >= today


class GraduateProfile(models.Model):
    """A graduate's own profile; private unless they choose otherwise (PIPL: minimal, theirs)."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private: only enterprises I apply to see my profile")
        RECRUITERS = (
            "recruiters",
            _("Visible to approved recruiters, without my name or contact data"),
        )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graduate"
    )
    full_name = models.CharField(_("full name"), max_length=100)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    school = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="graduates",
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
        verbose_name=_("school"),
    )
    major = models.CharField(_("major"), max_length=100, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    education = models.PositiveSmallIntegerField(
        _("education"), choices=Education.choices, default=Education.HIGHER_VOCATIONAL
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)
    preferred_cities = models.JSONField(_("preferred cities"), default=list, blank=True)
    expected_salary = models.PositiveIntegerField(
        _("expected monthly salary (CNY)"), null=True, blank=True
    )
    cv = models.FileField(_("CV (PDF)"), storage=cv_storage, upload_to=cv_file_name, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    visibility = models.CharField(
        _("who can see my profile"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("graduate profile")
        verbose_name_plural = _("graduate profiles")

    def __str__(self) -> str:
        return self.full_name

    @property
    def email(self) -> str:
        return self.user.email


class Application(models.Model):
    """A graduate's application to a vacancy and where it stands in the pipeline.

    When a graduate deletes their account the row stays without them (graduate = NULL): the
    fair's counts of applications, offers and hires do not change, and nothing personal is kept.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        REVIEWED = "reviewed", _("Reviewed")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    graduate = models.ForeignKey(
        GraduateProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    # Kept for placements by school, which survive the graduate's deletion.
    school = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    cover_note = models.TextField(_("note to the enterprise"), blank=True, max_length=2000)
    # A private copy of the CV as it was when the graduate applied: the enterprise reads this,
    # not the graduate's current CV, and only while the application is open. Deleted when the
    # application is withdrawn or declined, and with the graduate's account.
    cv = models.FileField(
        _("CV sent (PDF)"), storage=cv_storage, upload_to=application_cv_file_name, blank=True
    )
    # Rankings for the fair's stable assignment: 1 is best; empty until someone ranks.
    graduate_rank = models.PositiveSmallIntegerField(_("my preference"), null=True, blank=True)
    enterprise_rank = models.PositiveIntegerField(
        _("enterprise's preference"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["graduate", "vacancy"],
                condition=Q(graduate__isnull=False),
                name="application_once_per_vacancy",
            )
        ]

    def __str__(self) -> str:
        return f"{self.graduate_id} → {self.vacancy_id} ({self.status})"


class ApplicationChange(models.Model):
    """The history of an application: who moved it to which status, and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=Application.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status} at {self.changed_at:%Y-%m-%d %H:%M}"


class InterviewSlot(models.Model):
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="slots")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interview_slots"
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.SET_NULL, null=True, blank=True, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place or meeting link"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["organisation", "fair", "starts_at"],
                name="slot_unique_start_per_enterprise",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name_en} {self.starts_at:%Y-%m-%d %H:%M}"


class InterviewBooking(models.Model):
    """A graduate's booking of a slot; one per slot, enforced by the database."""

    slot = models.OneToOneField(InterviewSlot, on_delete=models.CASCADE, related_name="booking")
    graduate = models.ForeignKey(
        GraduateProfile, on_delete=models.SET_NULL, null=True, related_name="bookings"
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("interview booking")
        verbose_name_plural = _("interview bookings")

    def __str__(self) -> str:
        return f"{self.slot} booked by {self.graduate_id}"


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=500)  # the job search's query string, filters only
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="saved_search_once"),
        ]

    def __str__(self) -> str:
        return self.name


class AssignmentRun(models.Model):
    """One run of the fair-wide stable assignment; publishing it turns its pairs into offers."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="assignment_runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    matched_applications = models.JSONField(default=list)  # application ids
    graduates = models.PositiveIntegerField(default=0)
    vacancies = models.PositiveIntegerField(default=0)
    openings = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-run_at", "-pk"]
        get_latest_by = "run_at"

    def __str__(self) -> str:
        return f"{self.fair} run {self.run_at:%Y-%m-%d %H:%M}"


class EmailConfirmation(models.Model):
    """An account made through the site's sign-up forms waits here until its holder follows
    the link e-mailed to the address. Accounts without a row (made by staff, by the demo, or
    before sign-ups were confirmed) count as confirmed: nobody has to confirm them again.

    Until then a graduate may not apply or book interviews, and the organisers do not see a
    recruiter's sign-up: enterprises and organisers must be able to reach whoever they deal
    with, and nobody should sign up in someone else's name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_confirmation"
    )
    sent_at = models.DateTimeField(_("link last sent at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail confirmation")
        verbose_name_plural = _("e-mail confirmations")

    def __str__(self) -> str:
        return f"{self.user} ({'confirmed' if self.confirmed_at else 'waiting'})"

    @staticmethod
    def confirmed_q(user_path: str = "user") -> Q:
        """Accounts (reached through `user_path`) that are confirmed or never needed to be."""
        pending = f"{user_path}__email_confirmation"
        return Q(**{f"{pending}__isnull": True}) | Q(**{f"{pending}__confirmed_at__isnull": False})
