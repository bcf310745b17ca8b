"""The community app's Wagtail admin screens; registered in community/wagtail_hooks.py."""
