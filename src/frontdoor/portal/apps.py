from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "frontdoor.portal"
    verbose_name = "Partner referral portal"

    def ready(self) -> None:
        from frontdoor.contacts.signals import contact_decided
        from frontdoor.portal.mail import on_contact_decided

        contact_decided.connect(on_contact_decided, dispatch_uid="portal.decision_email")
