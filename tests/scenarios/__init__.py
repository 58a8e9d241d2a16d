"""Expert scenarios for the method chooser (cases.py) and the checks run on them (checks.py)."""
