from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .actions import save_article
from .models import Article, Author, FeedbackPrompt, Tag
from .passages import prompt_quote


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags; those marked as sections lead the site's navigation, in their order
    (set both from the list)."""

    list_display = ["name", "slug", "is_section", "section_order"]
    list_editable = ["is_section", "section_order"]
    list_filter = ["is_section"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "is_section", "section_order"]
    ordering = ["-is_section", "section_order", "name"]


class ArticleForm(forms.ModelForm):
    def clean_body(self):
        """Store line ends as LF: a browser's textarea sends CRLF."""
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self):
        """Date an article published without a date now, as save_article
        would: the model's constraint is checked before save_model runs."""
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get(
            "published_at"
        ):
            cleaned["published_at"] = timezone.now()
        return cleaned


class FeedbackPromptForm(forms.ModelForm):
    class Meta:
        model = FeedbackPrompt
        fields = ["exact", "question"]
        widgets = {"exact": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        """Find the passage in the article's body as the editor is saving it
        (the inline is saved after the article) and keep its context, so that
        it is found again after edits elsewhere in the body."""
        cleaned = super().clean()
        exact = cleaned.get("exact")
        # The inline's article field holds the article form's instance, with
        # the body being saved (the prompt's own article is the stored one).
        article = cleaned.get("article")
        if exact and article is not None and not cleaned.get("DELETE"):
            try:
                quote = prompt_quote(article.body, exact)
            except ValueError as error:
                self.add_error("exact", str(error))
            else:
                cleaned["exact"] = quote.exact
                self.instance.prefix, self.instance.suffix = quote.prefix, quote.suffix
        return cleaned


class FeedbackPromptInline(admin.TabularInline):
    """Feedback prompts: "What do you think about this?" on a passage."""

    model = FeedbackPrompt
    form = FeedbackPromptForm
    extra = 0
    verbose_name = "feedback prompt"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    inlines = [FeedbackPromptInline]
    list_display = ["headline", "status", "published_at", "comments_open", "preview"]
    list_filter = ["status", "comments_open", "tags", "authors", "published_at"]
    search_fields = ["headline", "summary", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "tags"]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "summary", "body", "authors", "tags"]}),
        (
            _("Lead image"),
            {
                "description": _(
                    "The credit reads as written when it names its kind"
                    " (“Illustration: Ana Ruiz”); otherwise as “Photo: …”."
                ),
                "fields": [
                    "lead_image",
                    "lead_image_url",
                    "lead_image_caption",
                    "lead_image_credit",
                ],
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
