"""`make bench`: the load bench of the site (see bench/run.py and the README)."""
