from django.contrib import admin
from django.utils.html import format_html

from .actions import save_article
from .models import Article, Author, Tag


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "published_at", "comments_open", "preview"]
    list_filter = ["status", "comments_open", "tags", "authors", "published_at"]
    search_fields = ["headline", "summary", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "tags"]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "summary", "body", "authors", "tags"]}),
        (
            "Lead image",
            {
                "fields": [
                    "lead_image",
                    "lead_image_url",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        ("Publishing", {"fields": ["status", "published_at"]}),
        (
            "Discussion",
            {
                "fields": [
                    "comments_open",
                    "premoderate_comments",
                    "close_comments_after_days",
                ]
            },
        ),
    ]

    @admin.display(description="Preview")
    def preview(self, article: Article) -> str:
        return format_html(
            '<a href="{}" target="_blank">Preview</a>', article.get_absolute_url()
        )

    def save_model(self, request, obj, form, change):
        save_article(obj)
