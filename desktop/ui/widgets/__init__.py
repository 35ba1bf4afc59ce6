"""Small widgets and helpers every feature uses: confirmation, empty states, plain text,
file dialogs that never read files, accessible names."""
