"""How the support admin's lists and forms show things, shared by its pages."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html

from parley.core.errors import ParleyError

from .models import Donation

# A kind as a list's narrow column names it.
SHORT_KINDS = {
    Donation.Kind.ONE_OFF: "One-off",
    Donation.Kind.RECURRING_FIRST: "Recurring, first",
    Donation.Kind.RECURRING_RENEWAL: "Renewal",
    Donation.Kind.OFFLINE: "Offline",
}


def moment_cell(moment) -> str:
    """A list's date, and its time under it, in the site's time zone."""
    local = timezone.localtime(moment)
    return format_html(
        '<span class="nowrap">{}</span><span class="under">{}</span>',
        f"{local:%Y-%m-%d}",
        f"{local:%H:%M}",
    )


def cut_cell(text: str, *, wide: bool = False) -> str:
    """Text a list cuts to its column (with an ellipsis); whole in its title."""
    if not text:
        return ""
    return format_html(
        '<span class="cut{}" title="{}">{}</span>', " wide" if wide else "", text, text
    )


class RefusalsAsMessages:
    """Show a refusal from an action (a reference taken a moment ago, between
    the form's check and the write) as a message, never as an error page."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ParleyError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.get_full_path())
