from django.contrib import admin

from .models import AuditEntry, AuthorStanding, Ban, Report, WordRule


@admin.register(WordRule)
class WordRuleAdmin(admin.ModelAdmin):
    list_display = ["pattern", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["pattern", "note"]


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "until", "lifted_at", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuthorStanding)
class AuthorStandingAdmin(admin.ModelAdmin):
    list_display = ["author", "standing", "set_by", "updated_at"]
    list_filter = ["standing"]
    search_fields = ["author", "note"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "note", "created_at", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    readonly_fields = ["comment", "reporter", "reason", "note", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is append-only: readable here, never edited or removed."""

    list_display = ["created_at", "action", "actor", "comment_ref", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["reason", "comment_ref"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
