from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "frontdoor.retention"
    verbose_name = "Retention: review dates for records (nothing is deleted automatically)"
