"""Which office receives an enquiry: the routing rules that staff edit (Investment → Routing
rules), read in order. The first active rule whose conditions all hold wins; the fallback rule
catches the rest. A rule's first office leads the case; two offices make it a joint case.

    route = routing.route_for(Facts(sector="vehicles", intended_city="chongqing", investment=…))
    route.offices  # [lead, partner…]
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from .models import Office, RouteOffice, RoutingRule


@dataclass(frozen=True)
class Facts:
    """What the rules and the scorecard look at in an enquiry."""

    sector: str
    intended_city: str
    investment: Decimal | None = None
    jobs: int | None = None


@dataclass(frozen=True)
class Route:
    rule: RoutingRule | None
    offices: list[Office] = field(default_factory=list)

    @property
    def lead(self) -> Office | None:
        return self.offices[0] if self.offices else None


def matches(rule: RoutingRule, facts: Facts) -> bool:
    """Whether every condition of `rule` holds for `facts` (an empty condition always does;
    an unknown investment meets no amount condition)."""
    if rule.is_fallback:
        return True
    if rule.sectors and facts.sector not in rule.sectors:
        return False
    if rule.intended_cities and facts.intended_city not in rule.intended_cities:
        return False
    return within_amounts(rule, facts.investment)


def within_amounts(rule: RoutingRule, investment: Decimal | None) -> bool:
    low, high = rule.min_investment_yuan, rule.max_investment_yuan
    if low is None and high is None:
        return True
    if investment is None:
        return False
    return (low is None or investment >= low) and (high is None or investment <= high)


def active_rules() -> list[RoutingRule]:
    """The rules in the order they are tried, with their offices: two queries."""
    offices = Prefetch(
        "route_offices",
        queryset=RouteOffice.objects.select_related("office").order_by("sort_order", "pk"),
    )
    return list(RoutingRule.objects.filter(active=True).prefetch_related(offices))


def first_match(rules: list[RoutingRule], facts: Facts) -> Route:
    """The route of the first rule (in the order given, fallback last) that matches; a route to
    nobody when none does (staff then route the enquiry by hand)."""
    for rule in sorted(rules, key=lambda r: (r.is_fallback, r.position, r.pk or 0)):
        if matches(rule, facts):
            return Route(rule, [link.office for link in rule.route_offices.all()])
    return Route(None, [])


def route_for(facts: Facts) -> Route:
    return first_match(active_rules(), facts)
