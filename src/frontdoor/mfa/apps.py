from django.apps import AppConfig


class MfaConfig(AppConfig):
    name = "frontdoor.mfa"
    label = "mfa"
    verbose_name = "Sign-in codes (MFA)"
