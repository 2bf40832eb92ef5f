"""The news center: an index of articles per language, articles, and their categories."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from twincity.core.blocks import ArticleBodyBlock
from twincity.core.models import DemoContentMixin, SectionIndexPage
from twincity.core.navigation import query_to_keep
from twincity.textsearch.segment import segment_for_autocomplete, segment_for_index
from twincity.textsearch.text import stream_text

ARTICLES_PER_PAGE = 10


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A column of the news center, such as "Latest news" (最新动态)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # The slug is the filter in URLs; it stays the same in every language.
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="news_category_unique_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(SectionIndexPage):
    """The news center: articles of its language, latest first, filterable by category."""

    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def heading_context(self, request) -> dict:
        from .selectors import categories_for_locale

        category = categories_for_locale(self.locale_id).get(request.GET.get("category", ""))
        return {"category_trail": [(category.name, None)] if category else []}

    def listing_context(self, request) -> dict:
        from .selectors import categories_for_locale, filtered_articles

        categories = categories_for_locale(self.locale_id)
        category = categories.get(request.GET.get("category", ""))
        # get_page() answers a missing, malformed or too large page number with a real page.
        articles = Paginator(filtered_articles(self, category), ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return {
            "categories": categories.values(),
            "category": category,
            "articles": articles,
            "page_keep": query_to_keep(category=category.slug if category else ""),
        }


class NewsArticlePage(DemoContentMixin, Page):
    date = models.DateField(_("date"), help_text=_("The date the article shows."))
    source = models.CharField(_("source"), max_length=200, blank=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    lead = models.TextField(
        _("lead"), help_text=_("One or two sentences under the title; also the share card text.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown above the article and on its card in lists."),
    )
    image_caption = models.CharField(
        _("lead image caption"),
        max_length=250,
        blank=True,
        help_text=_("Also the picture's description for those who cannot see it."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the link card when the article is shared (WeChat, Weibo)."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("source"),
                FieldPanel("byline"),
                FieldPanel("category"),
            ],
            heading=_("About the article"),
        ),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")], heading=_("Lead image")
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("share_image"), FieldPanel("is_demo")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("share_image"),
        SynchronizedField("image"),
        # Each language has tags of its own (the Chinese page's are Chinese words): syncing
        # a translation neither translates them nor copies the English ones over them.
        BaseTranslatableField("tags"),
        BaseTranslatableField("tagged_items"),
    ]
    serve_select_related = ("category", "share_image", "image")

    # Chinese text is indexed cut into words (see twincity.textsearch.segment).
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title", boost=4),
        index.SearchField("search_lead", boost=2),
        index.SearchField("search_body"),
        index.AutocompleteField("autocomplete_title"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def search_passage_text(self) -> str:
        """What a search result's passage is cut from (portal.search)."""
        return f"{self.lead} {self.body_text()}"

    def body_text(self) -> str:
        """The body as plain text: for the search index, passages and the share card."""
        return stream_text(self.body)

    def search_title(self) -> str:
        return segment_for_index(self.title)

    def autocomplete_title(self) -> str:
        return segment_for_autocomplete(self.title)

    def search_lead(self) -> str:
        return segment_for_index(self.lead)

    def search_body(self) -> str:
        return segment_for_index(self.body_text())

    def share_description(self) -> str:
        return Truncator(self.lead or self.body_text()).chars(120)

    def get_context(self, request, *args, **kwargs):
        from .selectors import article_surroundings

        context = super().get_context(request, *args, **kwargs)
        context.update(vars(article_surroundings(self, request)))
        return context
