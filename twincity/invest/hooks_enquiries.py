"""Hooks of the investment app's enquiries part (see wagtail_hooks.py): the admin's offices,
routing rules and scorecard ("Investment" menu), and the demo's offices, rules and scorecard.

The "Investment" submenu collects its items from the hook INVEST_ADMIN_MENU, so that each part
of the app (the cases too) adds its own pages to the one menu."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from twincity.core.hooks import DEMO_LOADERS

from .enquiry_forms import sector_choices
from .models import IntendedCity, Office, RoutingRule, Scorecard

# A viewset with `menu_hook = INVEST_ADMIN_MENU` (or a hook of that name returning a MenuItem)
# appears in the "Investment" submenu.
INVEST_ADMIN_MENU = "register_invest_admin_menu_item"


class InvestmentMenu(ViewSetGroup):
    menu_label = _("Investment")
    menu_icon = "globe"
    menu_order = 1040
    add_to_admin_menu = True
    submenu_hook = INVEST_ADMIN_MENU


class RoutingRuleForm(WagtailAdminModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any sector."),
    )
    intended_cities = forms.MultipleChoiceField(
        label=_("Intended cities"),
        required=False,
        choices=IntendedCity.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any city."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].choices = sector_choices()

    def clean(self):
        data = super().clean()
        formset = self.formsets.get("route_offices")
        if formset is not None and formset.is_valid():
            kept = [
                form
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if data.get("active") and not kept:
                raise forms.ValidationError(_("Choose at least one office to route to."))
        return data


class OfficeViewSet(ModelViewSet):
    model = Office
    icon = "home"
    menu_label = _("Offices")
    menu_hook = INVEST_ADMIN_MENU
    menu_order = 500
    url_prefix = "invest/offices"
    url_namespace = "invest_offices"
    list_display = ["name_en", "name_zh", "city", "email"]
    list_filter = ["city"]
    search_fields = ["name_en", "name_zh", "email"]
    panels = [
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_zh")]),
        FieldPanel("city"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("email_language")]),
        FieldPanel("members"),
    ]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = _("Routing rules")
    menu_hook = INVEST_ADMIN_MENU
    menu_order = 510
    url_prefix = "invest/routing-rules"
    url_namespace = "invest_routing_rules"
    list_display = [
        "name",
        Column("position", label=_("Position")),
        BooleanColumn("active", label=_("Active")),
        BooleanColumn("is_fallback", label=_("Fallback")),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
            FieldRowPanel([FieldPanel("active"), FieldPanel("is_fallback")]),
            MultiFieldPanel(
                [
                    FieldPanel("sectors"),
                    FieldPanel("intended_cities"),
                    FieldRowPanel(
                        [FieldPanel("min_investment_yuan"), FieldPanel("max_investment_yuan")]
                    ),
                ],
                heading=_("Conditions (all must hold)"),
            ),
            InlinePanel(
                "route_offices",
                heading=_("Offices it routes to (the first leads the case)"),
                label=_("office"),
                min_num=0,
            ),
        ],
        base_form_class=RoutingRuleForm,
    )

    def get_queryset(self, request):
        return RoutingRule.objects.order_by("is_fallback", "position", "pk")


class ScorecardViewSet(ModelViewSet):
    model = Scorecard
    icon = "pick"
    menu_label = _("Scorecard")
    menu_hook = INVEST_ADMIN_MENU
    menu_order = 520
    url_prefix = "invest/scorecard"
    url_namespace = "invest_scorecard"
    list_display = ["name", "high_value_score"]
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("investment_points"),
                FieldPanel("default_threshold_yuan"),
                InlinePanel("thresholds", label=_("sector threshold")),
            ],
            heading=_("Planned investment"),
        ),
        FieldRowPanel([FieldPanel("jobs_over"), FieldPanel("jobs_points")], heading=_("Jobs")),
        MultiFieldPanel(
            [FieldPanel("priority_points"), InlinePanel("priorities", label=_("priority"))],
            heading=_("Priority sectors of the cities"),
        ),
        FieldPanel("high_value_score"),
    ]


@hooks.register("register_admin_viewset")
def register_enquiry_viewsets():
    return [
        InvestmentMenu(),
        OfficeViewSet("invest_offices"),
        RoutingRuleViewSet("invest_routing_rules"),
        ScorecardViewSet("invest_scorecard"),
    ]


@hooks.register(DEMO_LOADERS, order=61)
def load_demo_offices(homes, locales) -> str:
    """The offices of both cities, the default routing rules and scorecard."""
    from .demo_offices import load_offices

    return load_offices()
