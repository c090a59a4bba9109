from django import forms
from django.contrib import admin
from django.utils import timezone
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


class ArticleForm(forms.ModelForm):
    def clean(self):
        """Date an article published without a date now, as save_article
        would: the model's constraint is checked before save_model runs."""
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get(
            "published_at"
        ):
            cleaned["published_at"] = timezone.now()
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
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
