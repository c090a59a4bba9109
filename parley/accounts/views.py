from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import throttle
from .forms import SignInForm, SignUpForm


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("newsroom:home")
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


class SignInView(LoginView):
    """Django's sign-in, under the newsroom's own name: LoginView would put the
    sites framework's domain where every other page shows SITE_NAME."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if wait := getattr(self.request, throttle.WAIT_ATTRIBUTE, 0):
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response
