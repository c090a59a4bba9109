"""`{% reader_part %}`: the places in a shared page that depend on who reads it."""

from django import template
from django.utils.safestring import mark_safe

from ..pages import HOLE_MARK, ReaderPart, render_part

register = template.Library()


class ReaderPartNode(template.Node):
    def __init__(self, template_name, key_parts, kwargs):
        self.template_name = template_name
        self.key_parts = key_parts
        self.kwargs = kwargs

    def render(self, context):
        part = ReaderPart(
            key=":".join(str(bit.resolve(context)) for bit in self.key_parts),
            template=self.template_name.resolve(context),
            args={name: value.resolve(context) for name, value in self.kwargs.items()},
        )
        recorded = context.get("shared_page_parts")
        if recorded is not None:  # rendering the shared page: keep the place
            recorded.append(part)
            return mark_safe(f"{HOLE_MARK}{len(recorded) - 1}{HOLE_MARK}")  # noqa: S308 (a number)
        # Rendering for one reader at once (a preview, a form with errors).
        # Pages that are never shared render their parts from their own context.
        reader = context.get("reader") or {
            name: context.get(name) for name in ("request", "user", "perms", "messages")
        }
        extras = (context.get("reader_parts") or {}).get(part.key, {})
        # An autoescaping template's own output.
        return mark_safe(render_part(part, {**reader, **extras}))  # noqa: S308


@register.tag
def reader_part(parser, token):
    """
    {% reader_part "template.html" "key" [more key bits] name=value ... %}

    Render the template from the named values (captured when the shared page is
    rendered, so they must be plain values) and the reader's context. The key
    names the part for the reader layer, e.g. "comment" 17 -> "comment:17".
    """
    bits = token.split_contents()[1:]
    if len(bits) < 2:
        raise template.TemplateSyntaxError("reader_part needs a template and a key")
    positional = [bit for bit in bits if "=" not in bit]
    kwargs = {
        name: parser.compile_filter(value)
        for name, value in (bit.split("=", 1) for bit in bits if "=" in bit)
    }
    return ReaderPartNode(
        parser.compile_filter(positional[0]),
        [parser.compile_filter(bit) for bit in positional[1:]],
        kwargs,
    )
