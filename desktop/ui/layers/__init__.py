"""The Layers panel and the Layer settings panel: the tree, its filter, the fields of a layer."""
