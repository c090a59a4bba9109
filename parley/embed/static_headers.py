def add_widget_cors_header(headers, path: str, url: str) -> None:
    """Let any page load the widget's files: module scripts are fetched with CORS.

    They are public, cookie-free files; the API itself stays limited to the
    configured embed origins.
    """
    if url.startswith("/static/parley/"):
        headers["Access-Control-Allow-Origin"] = "*"
