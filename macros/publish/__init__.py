"""What the build publishes besides pages: the chooser's browser runtime, the open data and the
security check of every written page."""
