"""Evaluation built into the product: the seeds gold, MUC-4 role fillers and Emergent stance.

Each benchmark module scores with the same primitives (:mod:`veracity.evaluate.report`) and runs the same
extraction the product uses on news, so a figure printed by ``veracity eval`` is a figure about the product.
Submodules are imported on use; importing this package stays cheap.
"""
