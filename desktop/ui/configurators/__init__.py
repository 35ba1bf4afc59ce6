"""The Configurators dock and the dialogs that name a configurator or edit its Global Settings."""
