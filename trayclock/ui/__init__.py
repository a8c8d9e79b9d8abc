"""The Qt user interface: the only package (with trayclock.app) that imports PySide6."""
