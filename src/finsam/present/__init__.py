"""Presentation: Swedish text, HTML tables for notebooks, pandas frames, plots, CSV and Excel.

Everything here sits above the model and the checks; none of it is imported by
``import finsam``. babel is loaded by `finsam.present.formatting`, pandas by
`finsam.present.frames`, matplotlib by `finsam.present.plots` and openpyxl by
`finsam.present.export`, each only when used.
"""
