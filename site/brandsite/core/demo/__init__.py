"""Demo content of the reference site, in builders the `load_demo` command runs in order."""
