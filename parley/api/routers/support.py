"""Reader support for apps: the campaign running now, as its bar shows it."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from parley.api import caching
from parley.api.contract import ALWAYS
from parley.api.schemas.support import SupportOut
from parley.support import conf, queries

router = Router(tags=["support"])


@router.get(
    "/support/campaign",
    response={200: SupportOut, 304: None, **ALWAYS},
    operation_id="support_campaign",
    summary="The campaign running now, its goal bar, and recent named supporters",
    description=(
        "`campaign` is null when no campaign runs (the site shows no bar). "
        "Amounts are decimal strings. 304 when If-None-Match holds the answer's "
        "ETag; any ledger or campaign change gives a new one."
    ),
)
def support_campaign(request: HttpRequest):
    # The version is read before the answer is built: a donation landing in
    # between makes the cached answer newer than its key, never older.
    version = queries.ledger_version()
    campaign = queries.current_campaign()
    support_url = request.build_absolute_uri(reverse("support:page"))

    def build() -> dict:
        return {
            "campaign": _campaign_out(campaign, support_url) if campaign else None,
            "supporters": [
                {
                    "name": donation.donor_name,
                    "message": donation.message,
                    "received_at": donation.received_at,
                }
                for donation in queries.recent_public_donations()
            ],
            "support_url": support_url,
        }

    etag = caching.page_etag(
        None,
        version,
        "support",
        campaign.pk if campaign else 0,
        support_url,
        conf.locale(),
        conf.count_renewals(),
    )
    return caching.cached_json_response(request, etag, build)


def _campaign_out(campaign, support_url: str) -> dict:
    bar = queries.goal_bar(campaign)
    return {
        "title": campaign.title,
        "slug": campaign.slug,
        "text": campaign.text,
        "period_name": bar.period_name,
        "currency": campaign.currency,
        "goal": f"{campaign.goal:.2f}",
        "raised": f"{bar.raised:.2f}",
        "percent": bar.percent,
        "reached": bar.reached,
        "goal_text": bar.goal_text,
        "raised_text": bar.raised_text,
        "percent_text": bar.percent_text,
        "scale": list(bar.scale),
        "counts_from": campaign.counts_from,
        "counts_until": campaign.counts_until,
        "shows_from": campaign.shows_from,
        "shows_until": campaign.shows_until,
        "give_url": campaign.give_url or support_url,
    }
