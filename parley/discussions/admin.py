from django.contrib import admin

from .models import Comment, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "comment_count", "is_closed", "created_at"]
    list_filter = ["is_closed"]
    search_fields = ["key", "title", "url"]
    readonly_fields = ["comment_count", "article"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "thread", "status", "score", "created_at"]
    list_filter = ["status", "author_is_staff"]
    search_fields = ["author_name", "author_email", "body_markdown"]
    list_select_related = ["thread"]
    raw_id_fields = ["thread", "parent", "root", "user"]
    readonly_fields = ["score", "upvotes", "downvotes", "body_html", "created_at"]
