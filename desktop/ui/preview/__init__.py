"""The live storefront preview (centre of the main window)."""

from .pane import PreviewPane

__all__ = ["PreviewPane"]
