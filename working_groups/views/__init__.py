"""Views of WGETI, one module per area; `working_groups/urls.py` wraps them all in
`login_required`."""
