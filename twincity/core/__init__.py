"""The ground layer: what every app shares, and nothing that knows an app.

Apps import core; core imports no app (checked by import-linter and tests/core/test_layers.py).
Where core shows something of the apps (the home page's sections, an event page's extras, the
worker's jobs, the demo loaders), it offers a registry in `core.hooks` that the apps fill.
"""
