"""Views of the DIEF, one module per area; `forums/urls.py` wraps them all in `dief_area`."""
