from django.contrib import admin

from .models import RateCounter, SpentChallenge


@admin.register(SpentChallenge)
class SpentChallengeAdmin(admin.ModelAdmin):
    list_display = ["challenge", "spent_at", "expires_at"]
    search_fields = ["challenge"]
    readonly_fields = ["challenge", "spent_at", "expires_at"]


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    list_display = ["key", "count", "expires_at"]
    search_fields = ["key"]
