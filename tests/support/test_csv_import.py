"""CSV import: a check that writes nothing and says, row by row, what it would
refuse and why; a confirmation that records the rest, all or none; an export
that imports back as it was."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from parley.core.errors import ParleyError
from parley.core.models import Version
from parley.support import csv_import, csv_rows
from parley.support.actions import record_donation, refund_donation
from parley.support.models import Donation, DonationImport

DIGITS_ONLY = "An amount must be written with digits and a dot, such as 1250.50."
pytestmark = pytest.mark.django_db

HEADER = "reference,received_at,amount,currency,kind,donor_name,public,email,message"


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def _give(reference: str, amount="10.00", **fields) -> Donation:
    return record_donation(
        amount=amount,
        currency=fields.pop("currency", "EUR"),
        kind=fields.pop("kind", Donation.Kind.ONE_OFF),
        reference=reference,
        received_at=fields.pop("received_at", timezone.now()),
        source="test",
        **fields,
    )


def _reasons(result) -> dict[int, str]:
    return {refusal.row: " ".join(refusal.reasons) for refusal in result.refused}


def test_every_kind_of_bad_row_is_refused_by_number_with_its_reason():
    """Rows are numbered as a spreadsheet shows them: the header is row 1."""
    _give("ch_in_ledger")
    result = csv_import.check(
        _csv(
            "ch_good,2025-03-04,25.50,EUR,one_off,Ana,yes,ana@example.org,Thanks",
            "ch_neg,2025-03-04,-5,EUR,one_off,,,,",
            'ch_comma,2025-03-04,"1,000.00",EUR,one_off,,,,',
            "ch_cur,2025-03-04,10,EURO,one_off,,,,",
            "ch_date,31/03/2025,10,EUR,one_off,,,,",
            "ch_good,2025-03-05,10,EUR,one_off,,,,",
            "ch_in_ledger,2025-03-05,10,EUR,one_off,,,,",
            "ch_kind,2025-03-05,10,EUR,gift,,,,",
            "ch_zero,2025-03-05,0,EUR,one_off,,,,",
            "ch_cents,2025-03-05,1.005,EUR,one_off,,,,",
            "ch_mail,2025-03-05,10,EUR,one_off,,,not-an-address,",
            ",2025-03-05,10,EUR,one_off,,,,",
            "ch_retired,2025-03-05,10,DEM,one_off,,,,",
        )
    )
    assert [entry.reference for entry in result.accepted] == ["ch_good"]
    reasons = _reasons(result)
    assert sorted(reasons) == list(range(3, 15))
    assert reasons[3] == "amount: “-5”: An amount must be more than zero."
    assert reasons[4].startswith("amount: “1,000.00”")
    assert "no thousands separators" in reasons[4]
    assert reasons[5] == (
        "currency: “EURO” is not a currency code in use (ISO 4217: EUR, USD, …)."
    )
    assert reasons[6].startswith("received_at: “31/03/2025” is not a date like")
    assert reasons[7] == "reference: “ch_good” is also on row 2."
    assert reasons[8] == "reference: “ch_in_ledger” is in the ledger already."
    assert reasons[9].startswith("kind: “gift” is not one of one_off,")
    assert reasons[10] == "amount: “0”: An amount must be more than zero."
    assert reasons[11] == "amount: “1.005”: An amount has at most two decimals."
    assert reasons[12].startswith("email: Enter a valid email address")
    assert reasons[13] == "reference: missing."
    assert reasons[14].startswith("currency: “DEM” is not a currency code")
    assert Donation.objects.count() == 1


def test_an_amount_in_exponent_form_is_refused_and_a_dime_is_exact():
    """Decimal, never float: "0.1" is a dime; "1e3" (a spreadsheet's 1E+03) is
    refused, as a thousand typed by mistake would be a costly reading."""
    result = csv_import.check(
        _csv(
            "a,2025-03-04,1e3,EUR,one_off,,,,",
            "b,2025-03-04,0.1,EUR,one_off,,,,",
            "c,2025-03-04,NaN,EUR,one_off,,,,",
        )
    )
    amounts = {entry.reference: entry.fields["amount"] for entry in result.accepted}
    assert amounts == {"b": Decimal("0.10")}
    digits = "An amount must be written with digits and a dot, such as 1250.50."
    assert _reasons(result)[2] == f"amount: “1e3”: {digits}"
    assert _reasons(result)[4] == f"amount: “NaN”: {digits}"


def test_a_row_gives_every_reason_it_is_refused_at_once():
    result = csv_import.check(_csv("x,someday,ten,euro,gift,,maybe,,"))
    (refusal,) = result.refused
    assert [reason.split(":")[0] for reason in refusal.reasons] == [
        "amount",
        "currency",
        "kind",
        "received_at",
        "public",
    ]
    assert str(refusal).startswith("Row 2: amount: “ten”")


def test_dates_read_in_iso_8601_in_the_sites_time_zone_from_2000_to_tomorrow():
    """The ledger's own range (support.actions): a day ahead at most."""
    now = timezone.now()
    later = (now + timedelta(days=2)).date().isoformat()
    result = csv_import.check(
        _csv(
            "a,2025-03-04,1,EUR,one_off,,,,",
            "b,2025-03-04T10:30:00+02:00,1,EUR,one_off,,,,",
            "c,2025-03-04 10:30Z,1,EUR,one_off,,,,",
            f"d,{later},1,EUR,one_off,,,,",
            "e,1999-12-31,1,EUR,one_off,,,,",
        ),
        now=now,
    )
    moments = {
        entry.reference: entry.fields["received_at"] for entry in result.accepted
    }
    assert moments == {
        "a": datetime(2025, 3, 4, tzinfo=UTC),
        "b": datetime(2025, 3, 4, 8, 30, tzinfo=UTC),
        "c": datetime(2025, 3, 4, 10, 30, tzinfo=UTC),
    }
    assert _reasons(result)[5] == (
        f"received_at: “{later}”: The date received can't be more than a day from now."
    )
    assert _reasons(result)[6] == (
        "received_at: “1999-12-31”: The date received can't be before 1 January 2000."
    )


def test_kinds_and_currencies_are_read_in_any_case_and_spelling():
    result = csv_import.check(
        _csv(
            "a,2025-03-04,1,eur,One-off,,,,",
            "b,2025-03-04,1,usd,recurring renewal,,,,",
            "c,2025-03-04,1,CHF,OFFLINE,,,,",
        )
    )
    assert [(e.fields["currency"], e.fields["kind"]) for e in result.accepted] == [
        ("EUR", "one_off"),
        ("USD", "recurring_renewal"),
        ("CHF", "offline"),
    ]


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "The first row is empty"),
        (b"amount,currency\n1,EUR\n", "The first row has no column reference,"),
        (
            b"reference,received_at,amount,amount,currency,kind\n",
            "names amount more than once",
        ),
        ("reference;amount".encode("utf-16"), "not UTF-8 text"),
        (b"reference,received_at\x00", "not text"),
        (b"x" * (csv_import.MAX_BYTES + 1), "larger than 5 MB"),
    ],
)
def test_a_file_that_is_not_a_ledger_file_is_refused_whole(data, sentence):
    with pytest.raises(ParleyError) as refused:
        csv_import.stage("bad.csv", data)
    assert sentence in refused.value.message
    assert not DonationImport.objects.exists()


def test_an_unreadable_row_names_its_number():
    text = _csv("a,2025-03-04,1,EUR,one_off,,,,", '"b,2025-03-04,1,EUR,one_off,,,,')
    with pytest.raises(ParleyError, match="Row 3 can't be read as CSV"):
        csv_import.check(text.replace('"b', '"b' + "x" * 200_000))


def test_blank_rows_are_skipped_and_extra_cells_refused():
    result = csv_import.check(
        _csv(
            "a,2025-03-04,1,EUR,one_off,,,,",
            ",,,,,,,,",
            "",
            "b,2025-03-04,1,EUR,one_off,,,,,,",
            "c,2025-03-04,1,EUR,one_off,,,,,surprise",
        )
    )
    assert [entry.row for entry in result.accepted] == [2, 5]
    assert _reasons(result) == {6: "It has 10 cells; the first row names 9 columns."}


def test_columns_in_any_order_with_a_bom_and_unknown_ones_named():
    data = (
        "\ufeffAmount,Currency,Kind,Received at,Reference,Note\n"
        "5,EUR,offline,2025-01-02,chq-1,x\n"
    )
    staged = csv_import.stage("bank.csv", data.encode())
    result = csv_import.check(staged.content)
    (entry,) = result.accepted
    assert entry.fields["amount"] == Decimal("5.00")
    assert entry.fields["reference"] == "chq-1"
    assert result.unread_columns == ["note"]


def test_the_check_writes_nothing_and_the_confirmation_records_the_rest():
    """The issue's promise: refuses bad rows with reasons, imports the rest only
    after confirmation."""
    text = _csv(
        "ch_1,2025-03-04,25.50,EUR,one_off,Ana,yes,ana@example.org,Thanks",
        "ch_2,2025-03-04,oops,EUR,one_off,,,,",
        "ch_3,2025-03-05,0.10,EUR,recurring_first,,no,,",
    )
    before = Version.objects.filter(name="support").first()
    staged = csv_import.stage("march.csv", text.encode())
    result = csv_import.check(staged.content)
    assert not Donation.objects.exists()
    assert Version.objects.filter(name="support").first() == before
    assert result.totals() == [("EUR", 2, Decimal("25.60"))]

    done = csv_import.commit(staged, fingerprint=result.fingerprint)

    assert sorted(Donation.objects.values_list("reference", "amount", "source")) == [
        ("ch_1", Decimal("25.50"), "csv"),
        ("ch_3", Decimal("0.10"), "csv"),
    ]
    ana = Donation.objects.get(reference="ch_1")
    assert (ana.donor_name, ana.is_public, ana.message) == ("Ana", True, "Thanks")
    assert [refusal.row for refusal in done.refused] == [3]
    staged.refresh_from_db()
    assert staged.imported_at is not None
    assert (staged.imported_rows, staged.refused_rows) == (2, 1)
    assert staged.refusals == ["Row 3: amount: “oops”: " + DIGITS_ONLY]
    with pytest.raises(ParleyError, match="imported already"):
        csv_import.commit(staged, fingerprint=result.fingerprint)
    assert Donation.objects.count() == 2


def test_a_ledger_that_changed_since_the_check_imports_nothing():
    """A reference the webhook recorded meanwhile: the editor sees it first."""
    text = _csv(
        "ch_1,2025-03-04,1,EUR,one_off,,,,", "ch_2,2025-03-04,1,EUR,one_off,,,,"
    )
    staged = csv_import.stage("march.csv", text.encode())
    fingerprint = csv_import.check(staged.content).fingerprint
    _give("ch_2")
    with pytest.raises(ParleyError) as refused:
        csv_import.commit(staged, fingerprint=fingerprint)
    assert refused.value.code == "changed"
    assert list(Donation.objects.values_list("reference", flat=True)) == ["ch_2"]
    staged.refresh_from_db()
    assert staged.imported_at is None


def test_a_row_the_ledger_refuses_at_the_last_moment_rolls_back_all(monkeypatch):
    text = _csv(
        "ch_1,2025-03-04,1,EUR,one_off,,,,", "ch_2,2025-03-04,1,EUR,one_off,,,,"
    )
    staged = csv_import.stage("march.csv", text.encode())
    fingerprint = csv_import.check(staged.content).fingerprint
    real = csv_import.record_donation

    def record(**fields):
        if fields["reference"] == "ch_2":
            raise ParleyError.single("reference", "Taken a moment ago.", status=409)
        return real(**fields)

    monkeypatch.setattr(csv_import, "record_donation", record)
    with pytest.raises(ParleyError, match=r"Row 3: Taken a moment ago\. Nothing was"):
        csv_import.commit(staged, fingerprint=fingerprint)
    assert not Donation.objects.exists()


def test_export_then_import_gives_the_same_ledger():
    """Refunds, formulas in names, line breaks and commas in messages survive."""
    at = datetime(2025, 3, 4, 9, 15, tzinfo=UTC)
    _give(
        "ch_1",
        "1234.56",
        received_at=at,
        donor_name="=HYPERLINK(1)",
        is_public=True,
        email="a@example.org",
        message='Line one,\n"two"',
    )
    _give(
        "ch_2",
        "0.10",
        received_at=at,
        kind=Donation.Kind.OFFLINE,
        message="-- keep it up",
    )
    refund_donation("ch_1", amount="34.56", at=at + timedelta(days=1))
    lines = list(csv_rows.export(Donation.objects.order_by("reference")))
    text = "".join(lines)
    assert lines[0] == ",".join(csv_rows.COLUMNS) + "\r\n"
    assert "'=HYPERLINK(1)" in text and "'-- keep it up" in text
    before = sorted(
        Donation.objects.values_list(
            "reference",
            "amount",
            "currency",
            "kind",
            "donor_name",
            "is_public",
            "email",
            "message",
            "refunded",
            "received_at",
            "refunded_at",
        )
    )
    Donation.objects.all().delete()

    staged = csv_import.stage("export.csv", text.encode())
    result = csv_import.check(staged.content)
    assert not result.refused and result.unread_columns == []
    csv_import.commit(staged, fingerprint=result.fingerprint)

    after = sorted(
        Donation.objects.values_list(
            "reference",
            "amount",
            "currency",
            "kind",
            "donor_name",
            "is_public",
            "email",
            "message",
            "refunded",
            "received_at",
            "refunded_at",
        )
    )
    assert after == before
    assert set(Donation.objects.values_list("source", flat=True)) == {"csv"}


def test_a_refund_larger_than_the_amount_is_refused():
    text = _csv(
        "a,2025-03-04,10,EUR,one_off,10.01,",
        "b,2025-03-04,10,EUR,one_off,-1,",
        "c,2025-03-04,10,EUR,one_off,10,2025-03-01",
        header="reference,received_at,amount,currency,kind,refunded,refunded_at",
    )
    result = csv_import.check(text)
    assert [entry.reference for entry in result.accepted] == ["c"]
    assert _reasons(result) == {
        2: "refunded: 10.01 is more than the amount, 10.00.",
        3: "refunded: “-1”: An amount must be more than zero.",
    }


def test_ten_thousand_dimes_import_to_exactly_one_thousand():
    rows = [f"d{i},2025-03-04,0.10,USD,one_off,,,," for i in range(10_000)]
    result = csv_import.check(_csv(*rows))
    assert result.totals() == [("USD", 10_000, Decimal("1000.00"))]


def test_the_command_checks_by_default_and_records_with_commit(tmp_path, capsys):
    path = tmp_path / "march.csv"
    path.write_text(
        _csv("ch_1,2025-03-04,25,EUR,one_off,,,,", "ch_2,2025-03-04,x,EUR,one_off,,,,")
    )
    call_command("import_donations", str(path))
    out = capsys.readouterr().out
    assert "1 row would be imported (EUR 25.00 in 1 row); 1 row refused:" in out
    assert "Row 3: amount: “x”: " + DIGITS_ONLY in out
    assert "Nothing was imported: run again with --commit" in out
    assert not Donation.objects.exists()

    call_command("import_donations", str(path), "--commit")
    out = capsys.readouterr().out
    assert "1 row imported (EUR 25.00 in 1 row)" in out
    assert list(Donation.objects.values_list("reference", flat=True)) == ["ch_1"]
    assert DonationImport.objects.get().imported_rows == 1


def test_the_command_refuses_an_unreadable_file(tmp_path):
    path = tmp_path / "march.csv"
    path.write_text("amount\n1\n")
    with pytest.raises(CommandError, match="no column reference"):
        call_command("import_donations", str(path), "--commit")
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_donations", str(tmp_path / "absent.csv"))
