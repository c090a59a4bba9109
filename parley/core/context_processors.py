from django.conf import settings


def site(request):
    """Expose the newsroom's name and contact address to every template."""
    return {
        "site_name": settings.SITE_NAME,
        "site_contact_email": settings.SITE_CONTACT_EMAIL,
    }
