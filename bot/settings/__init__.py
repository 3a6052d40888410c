"""Reading and checking victories.yaml: its fields, its YAML, and checks across keys.

``bot.config`` builds the ``Config`` from these and is the module everyone imports.
"""
