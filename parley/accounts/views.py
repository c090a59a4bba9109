"""Sign-up, sign-in and sign-out: each brings a reader back to the page they
came from (its `next`), and shows the newsroom's name like every other page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import throttle
from .forms import NAME_TAKEN, SignInForm, SignUpForm


def safe_next(request: HttpRequest) -> str:
    """Return the page to come back to (`next`, posted or in the query) if it
    is on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_page_to_return_to(request, target) else ""


def is_page_to_return_to(request: HttpRequest, target: str) -> bool:
    """Return whether `target` is a page of this site other than the account
    pages themselves (whose masthead links name them as `next`: signed in, the
    sign-in page would send a reader back to itself)."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    account_pages = {
        reverse(f"accounts:{name}") for name in ("sign_in", "sign_up", "sign_out")
    }
    return allowed and urlsplit(target).path not in account_pages


class AccountViewMixin:
    """
    For Django's auth views: return only to a page worth returning to, and
    leave the newsroom's name to the site context processor (SITE_NAME). Those
    views put the sites framework's `site_name` into their context, which
    outranks a context processor's: the name of the Site row, or the host
    ("127.0.0.1:8000") where there is none, would show in the masthead, the
    title and the footer instead.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("site", None)
        context.pop("site_name", None)
        return context

    def get_redirect_url(self):
        """Return `next` if it is a page to return to (see is_page_to_return_to)."""
        target = super().get_redirect_url()
        return target if is_page_to_return_to(self.request, target) else ""


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    next_page = safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Another reader signed up under the same name a moment ago: the
            # username made from it was free when the form was checked.
            form.add_error("name", NAME_TAKEN)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_page or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "next": next_page},
        status=400 if form.errors else 200,
    )


class SignInView(AccountViewMixin, LoginView):
    """Django's sign-in, under the newsroom's own name."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if wait := getattr(self.request, throttle.WAIT_ATTRIBUTE, 0):
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response


class SignOutView(AccountViewMixin, LogoutView):
    """
    Sign out by POST (the masthead's button), back to `next` when it is on this
    site. A GET, from a link or a typed address, gets a page with the button
    rather than a bare 405: signing out by GET would let any page sign a reader
    out with an image.
    """

    template_name = "accounts/sign_out.html"
    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request)}
