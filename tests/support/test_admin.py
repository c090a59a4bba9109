"""The ledger's admin: campaigns saved through the actions, the ledger filtered
and summed, offline entries, CSV out and in (checked, then confirmed), and the
webhook's log, read-only."""

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parley.core.models import Version
from parley.support.actions import record_donation
from parley.support.models import Campaign, Donation, DonationImport, WebhookDelivery

pytestmark = pytest.mark.django_db

LEDGER = "/admin/support/donation/"
MARCH = datetime(2025, 3, 1, tzinfo=UTC)


def _version() -> int:
    version = Version.objects.filter(name="support").first()
    return version.value if version else 0


def _campaign(**fields) -> Campaign:
    values = {
        "title": "March appeal",
        "slug": "march",
        "goal": Decimal("5000"),
        "currency": "USD",
        "counts_from": MARCH,
        "counts_until": MARCH + timedelta(days=31),
        "shows_from": MARCH,
        "shows_until": MARCH + timedelta(days=31),
    }
    return Campaign.objects.create(**{**values, **fields})


def _give(reference, amount="10.00", *, at=None, **fields) -> Donation:
    return record_donation(
        amount=amount,
        currency=fields.pop("currency", "USD"),
        kind=fields.pop("kind", Donation.Kind.ONE_OFF),
        reference=reference,
        received_at=at or MARCH + timedelta(days=3),
        source=fields.pop("source", "webhook"),
        **fields,
    )


def _campaign_form(**fields) -> dict:
    return {
        "title": "April appeal",
        "slug": "april",
        "text": "",
        "give_url": "",
        "period_name": "",
        "goal": "2500",
        "currency": "eur",
        "counts_from_0": "2025-04-01",
        "counts_from_1": "00:00:00",
        "counts_until_0": "2025-05-01",
        "counts_until_1": "00:00:00",
        "shows_from_0": "2025-03-25",
        "shows_from_1": "00:00:00",
        "shows_until_0": "2025-05-01",
        "shows_until_1": "00:00:00",
        **fields,
    }


def _offline_form(**fields) -> dict:
    return {
        "amount": "1500.00",
        "currency": "usd",
        "received_at_0": "2025-03-10",
        "received_at_1": "11:00:00",
        "reference": "cheque-0042",
        "donor_name": "Harbour Foundation",
        "is_public": "on",
        "email": "",
        "message": "For the courts desk.",
        **fields,
    }


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body, newline="")))


# Campaigns


def test_a_campaign_saved_in_the_admin_moves_the_pages_version(editor_client):
    before = _version()
    response = editor_client.post("/admin/support/campaign/add/", _campaign_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.currency == "EUR"
    assert _version() > before

    after_add = _version()
    response = editor_client.post(
        f"/admin/support/campaign/{campaign.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Campaign.objects.exists()
    assert _version() > after_add


def test_a_campaign_in_an_unknown_currency_is_refused_in_the_form(editor_client):
    response = editor_client.post(
        "/admin/support/campaign/add/", _campaign_form(currency="ABC")
    )
    assert response.status_code == 200
    assert "“ABC” is not a currency code in use" in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "sentence"),
    [
        (
            {"counts_until_0": "2025-03-01"},
            "counts_until",
            "Counts until must be after counts from.",
        ),
        (
            {"shows_until_0": "2025-03-25"},
            "shows_until",
            "Shows until must be after shows from.",
        ),
    ],
)
def test_a_window_that_ends_before_it_starts_is_named_on_its_field(
    editor_client, fields, field, sentence
):
    response = editor_client.post(
        "/admin/support/campaign/add/", _campaign_form(**fields)
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {field: [sentence]}
    page = response.content.decode()
    assert "Constraint" not in page
    assert f'value="{fields[field + "_0"]}"' in page
    assert not Campaign.objects.exists()


def test_campaigns_list_what_each_raised_from_the_ledger(editor_client):
    """Totals per campaign: its currency, its window, less refunds."""
    march = _campaign()
    april = _campaign(
        title="April appeal",
        slug="april",
        currency="EUR",
        goal=Decimal("1000"),
        counts_from=MARCH + timedelta(days=31),
        counts_until=MARCH + timedelta(days=61),
    )
    _give("m1", "550.10")
    _give("m2", "0.20")
    _give("m3", "99", currency="EUR")  # not March's currency
    _give("a1", "250", currency="EUR", at=MARCH + timedelta(days=40))

    page = editor_client.get("/admin/support/campaign/").content.decode()
    assert "$550.30" in page and "$5,000.00" in page and "11 %" in page
    assert "€250.00" in page and "€1,000.00" in page and "25 %" in page
    assert f"?campaign={march.pk}" in page and f"?campaign={april.pk}" in page

    change = editor_client.get(f"/admin/support/campaign/{march.pk}/change/")
    assert "$550.30 of $5,000.00 (11 %)" in change.content.decode()


# The ledger


def test_the_ledger_filters_by_campaign_and_sums_exactly(editor_client):
    march = _campaign()
    for i in range(3):
        _give(f"dime-{i}", "0.10")
    _give("before", "7", at=MARCH - timedelta(days=1))
    _give("eur", "5", currency="EUR")

    page = editor_client.get(f"{LEDGER}?campaign={march.pk}").content.decode()
    assert "dime-0" in page and "before" not in page and "eur" not in page
    assert "<td>3</td><td>$0.30</td>" in page
    assert "Counting towards <strong>March appeal</strong>" in page

    everything = editor_client.get(LEDGER).content.decode()
    assert '<th scope="row">USD</th><td>4</td><td>$7.30</td>' in everything
    assert '<th scope="row">EUR</th><td>1</td><td>€5.00</td>' in everything


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("kind__exact=offline", {"cheque"}),
        ("currency__exact=EUR", {"eur"}),
        ("source__exact=csv", {"eur"}),
        ("refunded=full", {"back"}),
        ("refunded=part", {"half"}),
        ("refunded=no", {"cheque", "eur", "plain"}),
        ("campaign=999", set()),
        ("campaign=nope", set()),
    ],
)
def test_the_ledger_filters(editor_client, query, listed):
    from parley.support.actions import refund_donation

    _campaign()  # the campaign filter shows (and filters) once there is one
    _give("plain")
    _give("cheque", kind=Donation.Kind.OFFLINE, source="admin")
    _give("eur", currency="EUR", source="csv")
    _give("back")
    _give("half")
    refund_donation("back", at=timezone.now())
    refund_donation("half", amount="5", at=timezone.now())
    response = editor_client.get(f"{LEDGER}?{query}")
    assert response.status_code == 200
    shown = ("plain", "cheque", "eur", "back", "half")
    page = response.content.decode()
    assert {ref for ref in shown if f">{ref}<" in page} == listed


def test_an_offline_entry_is_recorded_through_the_ledgers_action(editor_client):
    before = _version()
    form = editor_client.get(f"{LEDGER}add/").content.decode()
    assert 'value="offline-' in form
    response = editor_client.post(f"{LEDGER}add/", _offline_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Donation.objects.get()
    assert (entry.kind, entry.source, entry.currency) == ("offline", "admin", "USD")
    assert entry.amount == Decimal("1500.00") and entry.is_public
    assert _version() > before


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"reference": "taken"}, "Donation with this Reference already exists."),
        ({"currency": "XYZ"}, "“XYZ” is not a currency code in use"),
        ({"amount": "0"}, "Ensure this value is greater than or equal to 0.01."),
        ({"amount": "1.005"}, "Ensure that there are no more than 2 decimal places."),
        (
            {"received_at_0": "2999-01-01"},
            "The date received can&#x27;t be more than a day from now.",
        ),
        (
            {"received_at_0": "0001-01-01"},
            "The date received can&#x27;t be before 1 January 2000.",
        ),
    ],
)
def test_a_bad_offline_entry_is_refused_in_the_form(editor_client, fields, sentence):
    _give("taken")
    response = editor_client.post(f"{LEDGER}add/", _offline_form(**fields))
    assert response.status_code == 200
    assert sentence in response.content.decode()
    assert Donation.objects.count() == 1


def test_an_offline_entry_refused_at_the_last_moment_is_a_message(
    editor_client, monkeypatch
):
    """A reference taken between the form's check and the write: no 500."""
    from parley.core.errors import ParleyError
    from parley.support import admin_ledger

    def taken(**fields):
        raise ParleyError.single("reference", "The reference is recorded already.")

    monkeypatch.setattr(admin_ledger, "record_donation", taken)
    response = editor_client.post(f"{LEDGER}add/", _offline_form(), follow=True)
    assert response.status_code == 200
    assert "The reference is recorded already." in response.content.decode()
    assert not Donation.objects.exists()


def test_ledger_entries_are_never_edited_or_deleted(editor_client):
    entry = _give("ch_1")
    page = editor_client.get(f"{LEDGER}{entry.pk}/change/")
    assert page.status_code == 200 and "ch_1" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    response = editor_client.post(
        f"{LEDGER}{entry.pk}/change/", {"amount": "1", "reference": "ch_1"}
    )
    assert response.status_code == 403
    assert editor_client.post(f"{LEDGER}{entry.pk}/delete/").status_code == 403
    entry.refresh_from_db()
    assert entry.amount == Decimal("10.00")


def test_the_offline_entry_form_starts_in_the_running_campaigns_currency(
    editor_client,
):
    now = timezone.now()
    _campaign(
        currency="EUR",
        shows_from=now - timedelta(days=1),
        shows_until=now + timedelta(days=1),
    )
    form = editor_client.get(f"{LEDGER}add/").content.decode()
    assert 'name="currency" value="EUR"' in form


def _refund_selected(client, references, **extra):
    ids = list(
        Donation.objects.filter(reference__in=references).values_list("pk", flat=True)
    )
    return client.post(
        LEDGER,
        {"action": "refund_in_full", "_selected_action": ids, **extra},
        follow=True,
    )


def test_refunding_in_full_asks_first_listing_the_entries(editor_client):
    _give("ch_1", "1250.50", donor_name="Ana")
    _give("ch_2", currency="EUR")
    before = _version()
    page = _refund_selected(editor_client, ["ch_1", "ch_2"]).content.decode()
    assert "Mark 2 entries refunded in full?" in page
    assert "<td>ch_1</td>" in page and "<td>Ana</td>" in page
    assert "$1,250.50" in page and "€10.00" in page
    assert 'name="post" value="yes"' in page
    assert not Donation.objects.filter(refunded__gt=0).exists()
    assert _version() == before


def test_refunding_selected_entries_in_full(editor_client):
    _give("ch_1")
    _give("ch_2")
    before = _version()
    response = _refund_selected(editor_client, ["ch_1"], post="yes")
    assert "1 entry marked refunded in full." in response.content.decode()
    assert Donation.objects.get(reference="ch_1").net == 0
    assert Donation.objects.get(reference="ch_2").net == Decimal("10.00")
    assert _version() > before


def test_refunding_entries_refunded_already_says_so(editor_client):
    from parley.support.actions import refund_donation

    _give("ch_1")
    refund_donation("ch_1", at=timezone.now())
    before = _version()
    page = _refund_selected(editor_client, ["ch_1"]).content.decode()
    assert "1 selected entry was refunded in full already" in page
    assert "0 entries" not in page and "refund-entries" not in page
    assert _version() == before


# CSV export


def test_export_writes_what_the_list_shows_on_every_page(editor_client):
    for i in range(120):  # more than a page of the list
        _give(f"d{i:03}", "1.10")
    _give("eur", currency="EUR")
    response = editor_client.get(f"{LEDGER}export/?currency__exact=USD&o=-6")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="donations-' in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][:5] == ["reference", "received_at", "amount", "currency", "kind"]
    assert len(rows) == 121
    assert {row[3] for row in rows[1:]} == {"USD"}
    assert sum(Decimal(row[2]) for row in rows[1:]) == Decimal("132.00")


def test_export_of_the_selected_entries(editor_client):
    _give("ch_1", donor_name="=cmd|' /C calc'!A0", is_public=True)
    _give("ch_2")
    ids = list(Donation.objects.filter(reference="ch_1").values_list("pk", flat=True))
    response = editor_client.post(
        LEDGER, {"action": "export_selected", "_selected_action": ids}
    )
    rows = _rows(response)
    assert [row[0] for row in rows[1:]] == ["ch_1"]
    assert rows[1][5] == "'=cmd|' /C calc'!A0"


def test_export_with_a_bad_filter_goes_back_to_the_list(editor_client):
    response = editor_client.get(f"{LEDGER}export/?amount__nonsense=1")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{LEDGER}?e=1")


# CSV import


def _upload(editor_client, text: str, name: str = "march.csv"):
    return editor_client.post(
        f"{LEDGER}import/",
        {"file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


GOOD_AND_BAD = (
    "reference,received_at,amount,currency,kind,donor_name,public\n"
    "ch_1,2025-03-04,25.50,EUR,one_off,Ana,yes\n"
    'ch_2,2025-03-04,"1,000",EUR,one_off,,\n'
    "ch_3,2025-03-04,10,EUR,one_off,,\n"
    "ch_1,2025-03-05,10,EUR,one_off,,\n"
)


def test_an_import_is_checked_first_and_records_the_rest_on_confirmation(
    editor_client,
):
    response = _upload(editor_client, GOOD_AND_BAD)
    assert response.status_code == 302
    staged = DonationImport.objects.get()
    check = editor_client.get(response["Location"]).content.decode()
    assert not Donation.objects.exists()
    assert "<strong>2</strong> rows can be imported" in check
    assert "<td>3</td><td>ch_2</td><td>amount: “1,000”: An amount must be" in check
    assert "<td>5</td><td>ch_1</td><td>reference: “ch_1” is also on row 2." in check
    assert 'value="Import 2 rows"' in check

    fingerprint = check.split('name="fingerprint" value="')[1].split('"')[0]
    before = _version()
    done = editor_client.post(
        response["Location"], {"fingerprint": fingerprint}, follow=True
    ).content.decode()
    assert "2 entries imported from march.csv; 2 rows refused." in done
    assert "2 entries recorded, 2 rows refused." in done
    assert "Row 3: amount: “1,000”" in done
    assert sorted(Donation.objects.values_list("reference", flat=True)) == [
        "ch_1",
        "ch_3",
    ]
    assert _version() > before
    staged.refresh_from_db()
    assert staged.imported_rows == 2 and staged.uploaded_by.username == "ed"

    again = editor_client.post(response["Location"], {"fingerprint": fingerprint})
    assert again.status_code == 200
    assert Donation.objects.count() == 2


def test_a_confirmation_of_an_outdated_check_imports_nothing(editor_client):
    response = _upload(editor_client, GOOD_AND_BAD)
    check = editor_client.get(response["Location"]).content.decode()
    fingerprint = check.split('name="fingerprint" value="')[1].split('"')[0]
    _give("ch_3", currency="EUR")  # the webhook, meanwhile
    page = editor_client.post(
        response["Location"], {"fingerprint": fingerprint}
    ).content.decode()
    assert "The ledger changed since the check: nothing was imported." in page
    assert "reference: “ch_3” is in the ledger already." in page
    assert 'value="Import 1 row"' in page
    assert list(Donation.objects.values_list("reference", flat=True)) == ["ch_3"]


def test_an_import_writes_its_sums_as_money_and_counts_in_the_singular(
    editor_client,
):
    response = _upload(
        editor_client,
        "reference,received_at,amount,currency,kind\n"
        "big,2025-03-04,100137.50,EUR,one_off\n"
        "bad,0001-01-01,10,EUR,one_off\n",
    )
    check = editor_client.get(response["Location"]).content.decode()
    assert '<th scope="row">EUR</th><td>1</td><td>€100,137.50</td>' in check
    assert "<td>€100,137.50</td><td>one_off</td>" in check
    assert "received_at: “0001-01-01”: The date received can" in check
    fingerprint = check.split('name="fingerprint" value="')[1].split('"')[0]
    done = editor_client.post(
        response["Location"], {"fingerprint": fingerprint}, follow=True
    ).content.decode()
    assert "1 entry imported from march.csv; 1 row refused." in done
    assert "1 entry recorded, 1 row refused." in done


def test_a_file_that_is_not_a_ledger_file_is_refused_in_the_form(editor_client):
    response = _upload(editor_client, "name;amount\nAna;10\n")
    assert response.status_code == 200
    assert "The first row has no column reference" in response.content.decode()
    assert not DonationImport.objects.exists()


def test_a_file_with_no_good_row_offers_no_import(editor_client):
    response = _upload(
        editor_client,
        "reference,received_at,amount,currency,kind\na,2025-03-04,x,EUR,one_off\n",
    )
    page = editor_client.get(response["Location"]).content.decode()
    assert "No row of this file can be imported." in page
    assert 'name="fingerprint"' not in page
    refused = editor_client.post(response["Location"], {"fingerprint": "x"})
    assert "No row of this file can be imported." in refused.content.decode()
    assert not Donation.objects.exists()


def test_imports_are_listed_with_their_reports(editor_client):
    response = _upload(editor_client, GOOD_AND_BAD)
    page = editor_client.get("/admin/support/donationimport/").content.decode()
    assert "march.csv" in page and response["Location"] in page
    assert "Check and import" in page
    staged = DonationImport.objects.get()
    record = editor_client.get(f"/admin/support/donationimport/{staged.pk}/change/")
    assert record.status_code == 200 and "march.csv" in record.content.decode()


# Permissions and the webhook's log


@pytest.fixture
def viewer_client(client, django_user_model):
    """A staff member who may read the ledger, and nothing more."""
    user = django_user_model.objects.create_user("vi", "v@x.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_donation"))
    client.force_login(user)
    return client


def test_a_reader_of_the_ledger_may_export_but_not_import_or_refund(viewer_client):
    _give("ch_1")
    page = viewer_client.get(LEDGER).content.decode()
    assert "Export CSV" in page and "Import CSV" not in page
    assert "refund_in_full" not in page
    assert viewer_client.get(f"{LEDGER}export/").status_code == 200
    assert viewer_client.get(f"{LEDGER}import/").status_code == 403
    assert viewer_client.get(f"{LEDGER}add/").status_code == 403


def test_the_webhook_log_is_read_only(editor_client):
    delivery = WebhookDelivery.objects.create(
        event_id="evt_1",
        event_type="charge.succeeded",
        outcome=WebhookDelivery.Outcome.REFUSED,
        status_code=400,
        reason="The signature does not match.",
    )
    page = editor_client.get("/admin/support/webhookdelivery/").content.decode()
    assert "evt_1" in page and "The signature does not match." in page
    url = f"/admin/support/webhookdelivery/{delivery.pk}/"
    assert editor_client.get(f"{url}change/").status_code == 200
    assert editor_client.post(f"{url}change/", {"reason": "x"}).status_code == 403
    assert editor_client.post(f"{url}delete/").status_code == 403
    assert editor_client.get("/admin/support/webhookdelivery/add/").status_code == 403
    delivery.refresh_from_db()
    assert delivery.reason == "The signature does not match."


def test_ledger_totals_are_exact_at_the_largest_amounts():
    """Summed in decimals, not by SQLite (binary fractions): cents survive
    next to hundreds of billions."""
    from parley.support.queries import ledger_totals

    amounts = ["99999999999.99", "99999999999.97", "0.01", "0.03", "0.10"]
    Donation.objects.bulk_create(
        Donation(
            amount=Decimal(amount),
            currency="EUR",
            kind=Donation.Kind.ONE_OFF,
            reference=f"r{i}",
            received_at=MARCH,
            source="test",
            refunded=Decimal("0.01") if i % 2 else Decimal(0),
        )
        for i, amount in enumerate(amounts)
    )
    (total,) = ledger_totals(Donation.objects.all())
    assert (total.entries, total.amount) == (5, Decimal("200000000000.10"))
    assert (total.refunded, total.net) == (Decimal("0.02"), Decimal("200000000000.08"))


def test_what_donors_typed_is_shown_escaped(editor_client):
    """Names and messages come from payment pages and files: text, never HTML."""
    payload = '<img src=x onerror="alert(1)">'
    _give("ch_1", donor_name=payload, is_public=True, message=payload)
    page = editor_client.get(LEDGER).content.decode()
    assert payload not in page and "&lt;img src=x" in page
    quoted = '"' + payload.replace('"', '""') + '"'
    response = _upload(
        editor_client,
        "reference,received_at,amount,currency,kind,donor_name\n"
        f"<b>r</b>,2025-03-04,x,EUR,one_off,{quoted}\n"
        f"ok,2025-03-04,1,EUR,one_off,{quoted}\n",
    )
    check = editor_client.get(response["Location"]).content.decode()
    assert "<b>r</b>" not in check and "&lt;b&gt;r&lt;/b&gt;" in check
    assert payload not in check and "&lt;img src=x" in check
