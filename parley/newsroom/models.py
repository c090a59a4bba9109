import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parley.discussions.anchors import TextQuote

DEFAULT_FEEDBACK_QUESTION = "What do you think about this?"


# A blank line between paragraphs, whatever the line endings: a browser's
# textarea sends CRLF, files and the demo LF.
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")


def split_paragraphs(body: str) -> list[str]:
    """Return an article body's paragraphs, stripped, empty ones left out."""
    return [part.strip() for part in PARAGRAPH_BREAK.split(body) if part.strip()]


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    bio = models.TextField(blank=True)
    avatar = models.ImageField(upload_to="authors/", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    # Sections: the tags the newsroom marks to lead its navigation, in its order.
    is_section = models.BooleanField(
        _("section"),
        default=False,
        help_text=_("Shown in the site's section navigation."),
    )
    section_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Sections are listed from the lowest number.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag", kwargs={"slug": self.slug})


def is_live(status: str, published_at) -> bool:
    """Return True if readers may see an article with this status and date: the
    rule published() applies in SQL, for code that already holds the values."""
    return (
        status != Article.Status.DRAFT
        and published_at is not None
        and published_at <= timezone.now()
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, or scheduled and now due."""
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=timezone.now(),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.TextField(blank=True)
    body = models.TextField(help_text=_("Paragraphs are separated by a blank line."))
    lead_image = models.ImageField(upload_to="leads/", blank=True)
    lead_image_url = models.CharField(
        max_length=500,
        blank=True,
        help_text=_(
            "A full URL or a path on this site, used when no image is uploaded."
        ),
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True)
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True)
    authors = models.ManyToManyField(Author, related_name="articles")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    comments_open = models.BooleanField(default=True)
    premoderate_comments = models.BooleanField(
        default=False,
        help_text=_("Hold every new comment for review before readers see it."),
    )
    close_comments_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Close the discussion this many days after publication."),
    )
    # The article's discussion; discussions know nothing of articles.
    thread = models.OneToOneField(
        "discussions.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="article",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "scheduled", "published"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    @property
    def thread_key(self) -> str:
        return f"article-{self.pk}"

    @property
    def is_live(self) -> bool:
        return is_live(self.status, self.published_at)

    @property
    def lead_image_src(self) -> str:
        return self.lead_image.url if self.lead_image else self.lead_image_url

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)


class FeedbackPrompt(models.Model):
    """
    An editor's invitation to comment on one passage of an article. The
    passage is kept as a text quote (parley.discussions.anchors), as readers'
    own quotes are, and found again in the body whenever the page is built.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="feedback_prompts"
    )
    exact = models.CharField(
        _("passage"),
        max_length=1000,
        help_text=_("The passage, as it reads in the body (copy and paste it)."),
    )
    # Computed from the body when the prompt is saved (newsroom.passages).
    prefix = models.CharField(max_length=32, blank=True, editable=False)
    suffix = models.CharField(max_length=32, blank=True, editable=False)
    question = models.CharField(
        max_length=200, default=DEFAULT_FEEDBACK_QUESTION, blank=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.question} ({self.exact[:40]})"

    @property
    def quote(self) -> TextQuote:
        return TextQuote(self.exact, self.prefix, self.suffix)


class ArticleSearch(models.Model):
    """
    An article's search document on PostgreSQL: its words weighted by where
    they stand (headline A; summary, authors and tags B; body C), kept in step
    by parley.newsroom.search_index and found through a GIN index. The table is
    the migration's own (0005), made on PostgreSQL alone: on SQLite an FTS5
    table holds the words instead, so this model is never queried there.
    """

    article = models.OneToOneField(
        Article,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    document = SearchVectorField()

    class Meta:
        managed = False
        db_table = "newsroom_article_search"

    def __str__(self) -> str:
        return f"Search document of article {self.article_id}"
