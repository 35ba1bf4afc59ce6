"""What the window and the command line share (docs/architecture.md): the headless storefront,
running scenario files, the storefront as text, version facts. Below `ui` and `cli`, above
`store` and `domain`; no Qt."""
