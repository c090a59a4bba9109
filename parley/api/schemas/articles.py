"""What the articles API answers: published articles, as an app lists and reads them."""

from datetime import datetime

from ninja import Field, Schema


class AuthorRefOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The author's page on the site.")


class TagOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The tag's page on the site.")


class LeadImageOut(Schema):
    src: str = Field(description="An absolute URL.")
    caption: str
    credit: str


class ArticleSummaryOut(Schema):
    slug: str
    headline: str
    summary: str
    url: str = Field(description="The article's page on the site.")
    published_at: datetime
    lead_image: LeadImageOut | None
    authors: list[AuthorRefOut]
    tags: list[TagOut]
    thread_key: str | None = Field(
        description="Its discussion: `GET /threads/{key}/comments`. Null: none."
    )
    comment_count: int = Field(description="Published comments readers see.")


class ArticleListOut(Schema):
    articles: list[ArticleSummaryOut] = Field(description="Newest first.")
    count: int = Field(description="Articles in the whole list, every page.")
    page: int
    pages: int = Field(description="Pages in the list (at least 1).")
    next_page: int | None = Field(description="The page after this one, if any.")


class ArticleOut(ArticleSummaryOut):
    paragraphs: list[str] = Field(description="The body, as plain text paragraphs.")
    comments_open: bool = Field(description="Readers may comment now.")
    related: list[ArticleSummaryOut] = Field(
        description="Articles sharing the most tags with this one, then the latest."
    )
    latest: list[ArticleSummaryOut] = Field(description="The latest stories.")
