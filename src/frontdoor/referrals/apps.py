from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "frontdoor.referrals"
    verbose_name = "Referrals, allocation and visits"
