from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AccountChangeForm, AdminSignInForm
from .models import User

# The admin's sign-in is limited like the site's (see accounts.throttle).
admin.site.login_form = AdminSignInForm


@admin.register(User)
class AccountAdmin(UserAdmin):
    form = AccountChangeForm
