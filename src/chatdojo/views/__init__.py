"""Thin ipywidgets views over the engines; notebooks only build and display them."""
