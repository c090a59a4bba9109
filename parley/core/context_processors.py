from django.conf import settings


def site(request):
    """Expose the newsroom's name and contact address to every template, and
    the templates outer apps add to every page's <head>."""
    return {
        "site_name": settings.SITE_NAME,
        "site_contact_email": settings.SITE_CONTACT_EMAIL,
        "head_templates": settings.PARLEY_HEAD_TEMPLATES,
    }
