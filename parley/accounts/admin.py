from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AdminSignInForm
from .models import User

admin.site.register(User, UserAdmin)
# The admin's sign-in is limited like the site's (see accounts.throttle).
admin.site.login_form = AdminSignInForm
