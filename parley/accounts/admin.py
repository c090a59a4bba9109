from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AccountChangeForm
from .models import User


@admin.register(User)
class AccountAdmin(UserAdmin):
    form = AccountChangeForm
