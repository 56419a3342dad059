from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "frontdoor.synthetic"
    verbose_name = "Synthetic data"

    def ready(self) -> None:
        from frontdoor.core.demo import register_sign_ins
        from frontdoor.synthetic.demo import DEMO_SIGN_INS

        register_sign_ins(DEMO_SIGN_INS)
