"""Child protection in the synthetic county (see maker.py)."""

from frontdoor.synthetic.generator.child_protection.maker import ProtectionMaker

__all__ = ["ProtectionMaker"]
