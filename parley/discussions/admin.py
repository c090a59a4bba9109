import html

from django.contrib import admin
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _

from .actions import delete_comment, edit_comment, touch_thread
from .intake import IntakeContext
from .models import Comment, Thread
from .queries import access_comment
from .readers import Reader


def plain_text(body_html: str) -> str:
    """Return a comment's text as a reader reads it, without its markup."""
    return " ".join(html.unescape(strip_tags(body_html)).split())


def cut_cell(text: str, *, wide: bool = False, lines: int = 1) -> str:
    """Text a list cuts to its column and `lines` lines (with an ellipsis);
    whole in its title."""
    if not text:
        return ""
    classes = "cut" + (" wide" if wide else "") + (" two" if lines == 2 else "")
    return format_html('<span class="{}" title="{}">{}</span>', classes, text, text)


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

    # Narrow columns, long text cut with its whole in the cell's title: the
    # list fits a 1280 px window beside the admin's navigation and filters.
    list_display = ["text", "article", "author", "status", "score"]
    list_display_links = ["text"]
    list_filter = ["status", "author_is_staff"]
    ordering = ["-created_at"]
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

    class Media:
        css = {"all": ["discussions/admin.css"]}

    @admin.display(description=_("Comment"))
    def text(self, comment: Comment) -> str:
        if comment.is_deleted:
            return format_html('<span class="quiet">{}</span>', _("[deleted]"))
        return cut_cell(plain_text(comment.body_html), wide=True, lines=2)

    @admin.display(description=_("Article"), ordering="thread__title")
    def article(self, comment: Comment) -> str:
        return cut_cell(str(comment.thread), wide=False, lines=2)

    @admin.display(description=_("Author, posted"), ordering="created_at")
    def author(self, comment: Comment) -> str:
        """The author, and when they posted under it (in the site's time zone)."""
        local = timezone.localtime(comment.created_at)
        return format_html(
            '{}<span class="under">{}</span>',
            cut_cell(comment.author_name),
            f"{local:%Y-%m-%d %H:%M}",
        )

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

    @admin.action(description=_("Delete selected comments"))
    def delete_selected_comments(self, request, queryset):
        for comment in queryset:
            delete_comment(self._moderated(request, comment))
