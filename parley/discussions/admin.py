from django.contrib import admin
from django.db import models, transaction

from .actions import delete_comment, edit_comment, touch_thread
from .intake import IntakeContext
from .models import Comment, Thread
from .queries import access_comment
from .readers import Reader


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "comment_count", "is_closed", "created_at"]
    list_filter = ["is_closed", "premoderate"]
    search_fields = ["key", "title", "url"]
    fields = [
        "key",
        "title",
        "url",
        "published_at",
        "is_closed",
        "premoderate",
        "close_after_days",
        "comment_count",
    ]
    readonly_fields = ["comment_count"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            touch_thread(obj.pk)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Editors fix a comment's text or remove it; both go through the actions so
    that counts, rendering and cached pages stay right."""

    list_display = ["author_name", "thread", "status", "score", "created_at"]
    list_filter = ["status", "author_is_staff"]
    search_fields = ["author_name", "author_email", "body_markdown"]
    list_select_related = ["thread"]
    fields = [
        "thread",
        "parent",
        "author_name",
        "author_email",
        "author_website",
        "body_markdown",
        "status",
        "score",
        "created_at",
    ]
    readonly_fields = [
        "thread",
        "parent",
        "author_name",
        "author_email",
        "author_website",
        "status",
        "score",
        "created_at",
    ]
    actions = ["delete_selected_comments"]

    def has_add_permission(self, request) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _moderated(self, request, comment: Comment) -> Comment:
        return access_comment(Reader(user=request.user), comment.pk, to="moderate")

    def save_model(self, request, obj, form, change):
        edit_comment(
            self._moderated(request, obj),
            body=form.cleaned_data["body_markdown"],
            context=IntakeContext(trusted=True),
        )

    def delete_model(self, request, obj):
        delete_comment(self._moderated(request, obj))

    @admin.action(description="Delete selected comments")
    def delete_selected_comments(self, request, queryset):
        for comment in queryset:
            delete_comment(self._moderated(request, comment))
