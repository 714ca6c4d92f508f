"""The rule steps from decode to convert; ``registry.STEPS`` is their one ordered list."""
